package movierec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import movierec.bench.ScaleSize;
import movierec.jobs.StageOrder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in, hours rather than minutes: the pipeline on a bench-scale size (MOVIEREC_CLUSTER_SCALE =
 * 5M, say) on the standalone cluster of scripts/local-cluster.sh, two workers of two cores each,
 * with the default configuration but bench-scale's one-epoch cap ({@code --env bench}). What it
 * checks is that the sizes the jobs derive come from the cluster's executors (four cores) and not
 * from this machine's two, and that every stage completes at that size. MOVIEREC_CLUSTER_SCALE_DATA
 * names a dataset generate wrote for the size (bench-scale's --data keeps them) to skip generating
 * it.
 *
 * <p>{@code MOVIEREC_CLUSTER_SCALE=5M mvn -B -o -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ClusterScaleIT verify}
 */
@EnabledIfEnvironmentVariable(named = "MOVIEREC_CLUSTER_SCALE", matches = ".+")
@Order(8)
class ClusterScaleIT {
  private static final String DAY = "2026-12-08";
  private static final int WORKERS = 2;
  private static final int WORKER_CORES = 2;

  /** The jobs here do hours of work: the full JIT, not the short jobs' C1-only one (Scripts). */
  private static final Map<String, String> FULL_JIT =
      Map.of("MOVIEREC_JAVA_OPTS", "", "SPARK_SUBMIT_OPTS", "", "SPARK_DAEMON_JAVA_OPTS", "");

  @TempDir Path tmp;

  private static Map<String, String> withFullJit(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(FULL_JIT);
    all.putAll(env);
    return all;
  }

  @Test
  void pipelineAtScaleOnTheClusterDerivesItsSizesFromTheExecutors() throws Exception {
    ScaleSize size = ScaleSize.parse(List.of(System.getenv("MOVIEREC_CLUSTER_SCALE"))).get(0);
    Path data = dataset(size);
    LocalCluster cluster =
        LocalCluster.at(
            tmp,
            17177,
            18280,
            withFullJit(
                Map.of("WORKER_CORES", Integer.toString(WORKER_CORES), "WORKER_MEMORY", "5g")));
    Scripts.Result up = cluster.run("start", 5);
    assertEquals(0, up.code(), up.out() + up.err());
    Path warehouse = tmp.resolve("warehouse");
    Scripts.Result run;
    try {
      run =
          Scripts.run(
              tmp,
              tmp,
              withFullJit(Map.of("SPARK_HOME", cluster.sparkHome())),
              600,
              "submit.sh",
              "pipeline",
              "--env",
              "bench",
              "--master",
              cluster.masterUrl(),
              "--run-date",
              DAY,
              "--conf",
              "input.path=" + data,
              "--conf",
              "warehouse.path=" + warehouse,
              // A cluster's memory is its operator's to give (README, sizing): the driver holds
              // the models fitted on it, each executor a training replica and its shard.
              "--conf",
              "launch.driver-memory=8g",
              "--conf",
              "launch.executor-memory=4g");
    } finally {
      Scripts.Result down = cluster.run("stop", 5);
      assertEquals(0, down.code(), down.err());
    }
    String log = run.err();
    Files.writeString(Path.of("target", "cluster-scale-" + size.label() + ".log"), log);
    assertEquals(0, run.code(), tail(log));
    int cores = WORKERS * WORKER_CORES;
    assertTrue(log.contains("Standalone cluster: " + WORKERS + " executors registered"), tail(log));
    assertTrue(
        log.contains(
            "spark.sql.shuffle.partitions derived: " + (4 * cores) + " (4 a core x " + cores),
        "partitions from the executors' cores: " + derived(log));
    assertTrue(
        log.contains("(" + cores + " cores x "), "co-rating budget per core: " + derived(log));
    assertTrue(
        log.contains("(" + cores + " cores: at least 4 tasks a core"),
        "recommend blocks per core: " + derived(log));
    assertEquals(DAY, Files.readString(warehouse.resolve("_runs/_LATEST")).strip(), tail(log));
    for (String stage : StageOrder.NAMES) {
      String manifest =
          Files.readString(
              warehouse.resolve("_runs/" + stage + "/run_date=" + DAY + "/manifest.json"));
      assertTrue(manifest.matches("(?s).*\"rows\": [1-9][0-9]*.*"), "row counts: " + manifest);
    }
    Matcher lines = Pattern.compile("ratings\\.dat: (\\d+) lines read = (\\d+) clean").matcher(log);
    assertTrue(lines.find(), "ingest's count line");
    assertEquals(lines.group(1), lines.group(2), "every generated rating is clean");
    System.out.println(derived(log));
    log.lines().filter(l -> l.contains("Pipeline ")).forEach(System.out::println);
  }

  /** The dataset of {@code size}: the one MOVIEREC_CLUSTER_SCALE_DATA names, or generated. */
  private Path dataset(ScaleSize size) throws Exception {
    String given = System.getenv("MOVIEREC_CLUSTER_SCALE_DATA");
    if (given != null && !given.isBlank()) {
      Path p = Path.of(given).toAbsolutePath();
      assertTrue(Files.isRegularFile(p.resolve("GENERATED.txt")), p + " was written by generate");
      return p;
    }
    Path out = tmp.resolve("data-" + size.label());
    Scripts.Result gen =
        Scripts.run(
            tmp,
            tmp,
            FULL_JIT,
            60,
            "submit.sh",
            "generate",
            "--out",
            out.toString(),
            "--users",
            Integer.toString(size.spec().users()),
            "--movies",
            Integer.toString(size.spec().movies()),
            "--ratings",
            Long.toString(size.spec().ratings()),
            "--seed",
            Long.toString(size.spec().seed()));
    assertEquals(0, gen.code(), gen.err());
    return out;
  }

  private static String derived(String log) {
    return String.join(
        "\n",
        log.lines()
            .filter(l -> l.contains(" derived") || l.contains("Standalone cluster"))
            .toList());
  }

  private static String tail(String log) {
    return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
  }
}
