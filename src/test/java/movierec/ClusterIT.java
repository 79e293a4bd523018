package movierec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import movierec.io.Table;
import movierec.jobs.IngestTestSupport;
import movierec.jobs.Ml1mSampleRun;
import movierec.jobs.WarehouseTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a real Spark standalone cluster (scripts/local-cluster.sh: a master and two
 * worker JVMs on 127.0.0.1, executors in their own JVMs) through submit.sh and spark-submit,
 * against the same pipeline run in this JVM's embedded local Spark: every table must hold the same
 * rows. Both run the shared sample of the real ML-1M files with its small settings ({@link
 * Ml1mSampleRun}, {@code src/test/resources/ml1m-sample.conf}), so that the local run is the one
 * {@code TrainJobIT} and {@code RecommendEvaluateJobIT} read. The cluster run writes Parquet and
 * loses two executors on the way; the local one writes Delta Lake tables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class ClusterIT {
  private static final String DAY = Ml1mSampleRun.DAY.toString();

  /** The executors do seconds of work each, as the other JVMs the tests start (Scripts). */
  private static final String EXECUTOR_JIT = "spark.executor.extraJavaOptions=" + Scripts.C1_ONLY;

  @TempDir static Path tmp;
  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    // The local reference runs in this JVM while the cluster starts and runs the same sample.
    Ml1mSampleRun.start();
    cluster = LocalCluster.at(tmp, 17077, 18180, Map.of());
    Scripts.Result r = cluster.run("start", 5);
    assertEquals(0, r.code(), r.out() + r.err());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Scripts.Result r = cluster.run("stop", 5);
    assertEquals(0, r.code(), r.err());
    Scripts.Result s = cluster.run("status", 1);
    assertTrue(!s.out().contains("running (pid"), "every server stopped: " + s.out());
  }

  /** The embedded local-mode run of the first test: what every cluster run must equal. */
  private static Path localWarehouse;

  /**
   * The pipeline on the cluster, writing Parquet, with one executor JVM killed (SIGKILL) a few
   * seconds into the similarity stage and another in the middle of the second training epoch: the
   * standalone master starts new executors, Spark reruns the lost tasks (and recomputes lost
   * shuffle output and cached shards), and every table holds the same rows as the embedded
   * local-mode run, which writes Delta Lake (the two formats must agree row for row); the models
   * are byte-identical. The local run started in {@code @BeforeAll} and ran beside the cluster's.
   */
  @Test
  @Order(1)
  void pipelineOnTheClusterWithExecutorsKilledEqualsLocalMode() throws Exception {
    String input = Ml1mSampleRun.input().toString();
    // The cluster run is also submit.sh's own end-to-end check: arguments are data, never code
    // (a warehouse path holding a space and a command substitution), --config's file is read,
    // and ingest reports every line.
    Path marker = tmp.resolve("pwned");
    Path onCluster = tmp.resolve("cluster warehouse $(touch " + marker + ")");
    Scripts.Running pipeline =
        Scripts.start(
            tmp,
            tmp,
            Map.of("SPARK_HOME", cluster.sparkHome()),
            "submit.sh",
            pipelineArgs(cluster.masterUrl(), onCluster, input));
    long a;
    long b;
    try {
      a = killAnExecutorAfter(pipeline, ": similarity (run date", 3000);
      b = killAnExecutorAfter(pipeline, "embedding epoch 1/", 0);
      Scripts.Result c = pipeline.await(25, "the cluster pipeline with executors killed");
      assertEquals(0, c.code(), c.err());
      assertTrue(a != b, "two different executors were killed");
      assertTrue(c.err().contains("embedding epoch 1/3"), "--config's file was read: " + c.err());
      assertTrue(c.err().contains("ratings.dat: 20533 lines read = 20533 clean"), c.err());
      // Sizes are derived once both executors are there (ExecutorWait), not from Spark's floor.
      assertTrue(c.err().contains("Standalone cluster: 2 executors registered"), c.err());
    } finally {
      pipeline.process().destroyForcibly();
    }
    assertFalse(Files.exists(marker), "an argument was evaluated as code");
    assertTrue(
        Files.list(cluster.dir()).anyMatch(p -> p.getFileName().toString().startsWith("work")),
        "workers have work directories");
    assertTrue(executorsLaunched() >= 2, "executors ran on both workers");
    assertTrue(
        workerLogLines("exited with code 137") >= 2,
        "the workers saw both executors die (exit 137 = SIGKILL); killed "
            + a
            + " and "
            + b
            + "; the workers' executor lines: "
            + workerLines("Executor app"));
    Path local = Ml1mSampleRun.get().warehouse;
    localWarehouse = local;
    assertTrue(Files.isDirectory(local.resolve("user_top_movies/_delta_log")), "Delta");
    assertSameTables(onCluster, local);
    // Tables by name: the cluster run's driver registered every table in its warehouse's embedded
    // metastore, which the sql job reads.
    Scripts.Result sql =
        Scripts.run(
            tmp,
            tmp,
            Map.of(),
            5,
            "submit.sh",
            "sql",
            "--conf",
            "warehouse.path=" + onCluster,
            "-e",
            "select count(*) as n from movierec.user_top_movies where run_date = date'"
                + DAY
                + "'");
    assertEquals(0, sql.code(), sql.err());
    long served = rows(local, "user_top_movies").count();
    assertTrue(sql.out().matches("(?s).*\\|\\s*" + served + "\\s*\\|.*"), sql.out());
    for (Path wh : List.of(local, onCluster)) {
      assertEquals(DAY, Files.readString(wh.resolve("_runs/_LATEST")).strip(), "run complete");
      for (String stage : movierec.jobs.StageOrder.NAMES) {
        String manifest =
            Files.readString(wh.resolve("_runs/" + stage + "/run_date=" + DAY + "/manifest.json"));
        assertTrue(manifest.contains("\"job\": \"" + stage + "\""), manifest);
        assertTrue(manifest.matches("(?s).*\"rows\": [1-9][0-9]*.*"), "row counts: " + manifest);
      }
    }
  }

  /**
   * {@code --deploy-mode cluster}: the driver runs on a worker (in its work directory), with the
   * config files carried as text. Ingest there writes the same tables as the local run; a driver
   * that fails on the cluster makes submit.sh exit 1; a relative path is refused before submission.
   */
  @Test
  @Order(2)
  void clusterDeployModeRunsTheDriverOnAWorker() throws Exception {
    assertTrue(localWarehouse != null, "needs the undisturbed run of the first test");
    String input = Ml1mSampleRun.input().toString();
    Path wh = tmp.resolve("cluster-mode-warehouse");
    Scripts.Result r = clusterMode(input, wh);
    assertEquals(0, r.code(), r.err());
    List<Path> drivers = driverLogs();
    assertEquals(1, drivers.size(), "one driver ran on a worker: " + drivers);
    assertTrue(
        Files.readString(drivers.get(0)).contains("Job ingest for run date " + DAY + " succeeded"),
        "the driver on the worker ran the job");
    for (String t : List.of("users", "movies", "ratings", "rejects")) {
      assertEquals("", TableDiff.compare(rows(wh, t), rows(localWarehouse, t)), t);
    }

    Path missing = tmp.resolve("no-such-input");
    Scripts.Result failed = clusterMode(missing.toString(), tmp.resolve("unused-warehouse"));
    assertEquals(1, failed.code(), failed.err());
    assertTrue(failed.err().contains("ended FAILED"), failed.err());
    assertEquals(2, driverLogs().size());
    assertTrue(
        driverLogs().stream().anyMatch(d -> read(d).contains(missing + " does not exist")),
        "the failed driver's log names the missing input");

    Scripts.Result relative = clusterMode("data/ml-100k", wh);
    assertEquals(2, relative.code(), relative.err());
    assertTrue(relative.err().contains("input.path = 'data/ml-100k' is relative"), relative.err());
    assertEquals(2, driverLogs().size(), "nothing was submitted");
  }

  /**
   * A scheduler stopping submit.sh (SIGTERM: an Airflow timeout or a cleared task) in cluster
   * deploy mode stops the driver on the worker too, so a retry never runs beside it.
   */
  @Test
  @Order(3)
  void stoppingSubmitInClusterModeKillsTheDriver() throws Exception {
    String input = Ml1mSampleRun.input().toString();
    List<Path> before = driverLogs();
    Scripts.Running run =
        Scripts.start(
            tmp,
            tmp,
            Map.of("SPARK_HOME", cluster.sparkHome()),
            "submit.sh",
            clusterModeArgs("pipeline", input, tmp.resolve("killed-warehouse")));
    try {
      long end = System.currentTimeMillis() + 5 * 60_000;
      // The new driver's log: the workers list theirs in no particular order.
      while (driverLogs().stream()
          .filter(d -> !before.contains(d))
          .noneMatch(d -> read(d).contains("Job pipeline for run date"))) {
        assertTrue(run.process().isAlive(), "submit.sh ended before its driver started");
        assertTrue(System.currentTimeMillis() < end, "the driver never started");
        Thread.sleep(200);
      }
      assertTrue(driverRunning(), "a driver JVM runs on a worker");
      run.process().destroy();
      Scripts.Result r = run.await(3, "submit.sh after SIGTERM");
      assertEquals(143, r.code(), r.err());
      assertTrue(r.err().contains("killed the driver driver-"), r.err());
      end = System.currentTimeMillis() + 60_000;
      while (driverRunning()) {
        assertTrue(System.currentTimeMillis() < end, "the driver still runs after the kill");
        Thread.sleep(200);
      }
    } finally {
      run.process().destroyForcibly();
    }
  }

  private static boolean driverRunning() {
    return ProcessHandle.allProcesses()
        .anyMatch(
            ph -> ph.info().commandLine().map(c -> c.contains("DriverWrapper")).orElse(false));
  }

  private static Scripts.Result clusterMode(String input, Path warehouse) throws Exception {
    return Scripts.run(
        tmp,
        tmp,
        Map.of("SPARK_HOME", cluster.sparkHome()),
        10,
        "submit.sh",
        clusterModeArgs("ingest", input, warehouse));
  }

  private static String[] clusterModeArgs(String job, String input, Path warehouse) {
    return new String[] {
      job,
      "--run-date",
      DAY,
      "--master",
      cluster.masterUrl(),
      "--deploy-mode",
      "cluster",
      "--conf",
      "input.path=" + input,
      "--conf",
      "warehouse.path=" + warehouse,
      // The first test's run registers tables by name; here the metastore would only cost time.
      "--conf",
      "catalog.enabled=false",
      "--conf",
      EXECUTOR_JIT
    };
  }

  /** The stderr of every driver the workers have run (cluster deploy mode). */
  private static List<Path> driverLogs() throws Exception {
    List<Path> logs = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      try (Stream<Path> dirs = Files.list(cluster.dir().resolve("work" + i))) {
        dirs.filter(d -> d.getFileName().toString().startsWith("driver-"))
            .map(d -> d.resolve("stderr"))
            .forEach(logs::add);
      }
    }
    return logs;
  }

  /** A driver's log, or "" while the worker has made its directory but not yet the log. */
  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.nio.file.NoSuchFileException e) {
      return "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits for {@code marker} in the driver's log, then SIGKILLs one executor; returns its pid. */
  private static long killAnExecutorAfter(Scripts.Running run, String marker, long delayMillis)
      throws Exception {
    long end = System.currentTimeMillis() + 15 * 60_000;
    while (!Files.readString(run.err()).contains(marker)) {
      assertTrue(run.process().isAlive(), "the pipeline ended before '" + marker + "'");
      assertTrue(System.currentTimeMillis() < end, "no '" + marker + "' in the driver log");
      Thread.sleep(100);
    }
    Thread.sleep(delayMillis);
    ProcessHandle executor =
        ProcessHandle.allProcesses()
            .filter(
                ph ->
                    ph.info()
                        .commandLine()
                        .map(c -> c.contains("CoarseGrainedExecutorBackend"))
                        .orElse(false))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no executor JVM running at '" + marker + "'"));
    assertTrue(executor.destroyForcibly(), "kill -9 " + executor.pid());
    executor.onExit().get();
    return executor.pid();
  }

  private static List<String> workerLines(String text) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      Files.readAllLines(cluster.dir().resolve("worker" + i + ".log")).stream()
          .filter(s -> s.contains(text))
          .forEach(lines::add);
    }
    return lines;
  }

  private static long workerLogLines(String text) throws Exception {
    return workerLines(text).size();
  }

  /** Every table of {@code local} (and the models and the report) matches {@code onCluster}. */
  private static void assertSameTables(Path onCluster, Path local) throws Exception {
    List<String> tables = TableDiff.tables(local);
    assertTrue(tables.size() >= 19, "tables: " + tables);
    assertSameTables(onCluster, local, tables);
    for (Path wh : List.of(local, onCluster)) {
      assertTrue(
          Files.exists(wh.resolve("reports").resolve(DAY).resolve("index.html")), wh + " report");
    }
    assertSameModels(onCluster, local);
  }

  private static void assertSameTables(Path onCluster, Path local, List<String> tables) {
    for (String t : tables) {
      assertEquals("", TableDiff.compare(rows(onCluster, t), rows(local, t)), t);
    }
  }

  /** The DAY partition of a table, Parquet or Delta, without the run_date column. */
  private static Dataset<Row> rows(Path warehouse, String name) {
    Table table =
        WarehouseTables.ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    return IngestTestSupport.table(SparkTestSupport.spark(), warehouse, table, DAY);
  }

  private static void assertSameModels(Path onCluster, Path local) throws Exception {
    List<String> models;
    try (Stream<Path> files = Files.list(partition(local, "models"))) {
      models =
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".model")).toList();
    }
    assertTrue(models.containsAll(List.of("embedding.model", "ranker.model")), "models " + models);
    for (String model : models) {
      assertArrayEquals(
          Files.readAllBytes(partition(local, "models").resolve(model)),
          Files.readAllBytes(partition(onCluster, "models").resolve(model)),
          model + " is byte-identical");
    }
  }

  private static String[] pipelineArgs(String master, Path warehouse, String input) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "pipeline",
                "--run-date",
                DAY,
                "--master",
                master,
                "--conf",
                "input.path=" + input,
                "--conf",
                "warehouse.path=" + warehouse,
                "--conf",
                EXECUTOR_JIT));
    args.addAll(List.of("--config", Ml1mSampleRun.settingsFile().toString()));
    return args.toArray(String[]::new);
  }

  private static Path partition(Path warehouse, String table) {
    return warehouse.resolve(table).resolve("run_date=" + DAY);
  }

  private static long executorsLaunched() throws Exception {
    return workerLogLines("Asked to launch executor");
  }
}
