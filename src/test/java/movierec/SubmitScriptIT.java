package movierec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit.sh as a user runs it, after the jar is built (Maven's integration-test phase): usage and
 * exit codes. Its full embedded pipeline run (from another working directory, arguments never
 * evaluated) is ClusterIT's local-mode reference run.
 */
@Order(4)
class SubmitScriptIT {
  @TempDir Path tmp;

  private Scripts.Result submit(Path cwd, String... args) throws IOException, InterruptedException {
    return Scripts.run(cwd, tmp, Map.of(), 20, "submit.sh", args);
  }

  @Test
  void usageAndExitCodes() throws Exception {
    Scripts.Result none = submit(tmp);
    assertEquals(2, none.code());
    assertTrue(none.err().contains("usage:"), none.err());
    Scripts.Result help = submit(tmp, "--help");
    assertEquals(0, help.code(), help.err());
    for (movierec.jobs.JobRegistry.Entry e : movierec.jobs.JobRegistry.all()) {
      assertTrue(help.out().contains("  " + e.name() + " "), e.name() + "\n" + help.out());
    }
    assertTrue(help.out().contains("--deploy-mode"), "the launcher's own options");
    Scripts.Result jobHelp = submit(tmp, "recommend-for", "--help");
    assertEquals(0, jobHelp.code(), jobHelp.err());
    for (String o : new String[] {"--new-user", "--also-liked", "--run-date", "--env"}) {
      assertTrue(jobHelp.out().contains(o), o + "\n" + jobHelp.out());
    }
    // The benchmarks live in their own jar beside the shaded one: their options must still parse.
    Scripts.Result benchHelp = submit(tmp, "bench-scale", "--help");
    assertEquals(0, benchHelp.code(), benchHelp.err());
    assertTrue(benchHelp.out().contains("--sizes"), benchHelp.out());
    Scripts.Result bogus = submit(tmp, "ingest", "--bogus");
    assertEquals(2, bogus.code());
    assertTrue(bogus.err().contains("Unknown option: '--bogus'"), bogus.err());
    Scripts.Result unknown = submit(tmp, "no-such-job");
    assertEquals(2, unknown.code(), unknown.err());
    assertTrue(unknown.err().contains("unknown job"), unknown.err());
    assertEquals(2, submit(tmp, "ingest", "--run-date", "2026-02-3x").code());
    assertEquals(2, submit(tmp, "ingest", "--deploy-mode", "sideways").code());
    assertEquals(2, submit(tmp, "ingest", "--env", "nowhere").code());
    Scripts.Result noConfig = submit(tmp, "ingest", "--config", "nowhere.conf");
    assertEquals(2, noConfig.code());
    assertTrue(noConfig.err().contains("--config 'nowhere.conf' is not a file"), noConfig.err());
    Scripts.Result badMaster = submit(tmp, "ingest", "--master", "spark:/127.0.0.1");
    assertEquals(2, badMaster.code());
    assertTrue(badMaster.err().contains("is not a Spark master URL"), badMaster.err());
    Scripts.Result badKey = submit(tmp, "ingest", "--conf", "ingest.max-rejects=1");
    assertEquals(2, badKey.code());
    assertTrue(badKey.err().contains("ingest.max-rejects"), badKey.err());
  }

  @Test
  void failingJobExitsNonZeroWithAMessage() throws Exception {
    Scripts.Result r =
        submit(
            tmp,
            "ingest",
            "--conf",
            "input.path=" + tmp.resolve("missing"),
            "--conf",
            "warehouse.path=" + tmp.resolve("wh"));
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("fetch-data"), r.err());
    assertFalse(r.err().contains("\tat "), "an expected failure prints no stack trace: " + r.err());

    Scripts.Result upstream =
        submit(
            tmp,
            "similarity",
            "--run-date",
            "2026-12-01",
            "--conf",
            "input.path=" + tmp,
            "--conf",
            "warehouse.path=" + tmp.resolve("empty-warehouse"));
    assertEquals(1, upstream.code(), upstream.err());
    assertTrue(
        upstream.err().contains("table ratings has no partition for run date 2026-12-01")
            && upstream.err().contains("run the ingest stage for that date first"),
        upstream.err());
    assertEquals(1, upstream.err().strip().lines().count(), "one line: " + upstream.err());
    assertFalse(upstream.err().contains("SparkContext"), "Spark never started: " + upstream.err());

    Scripts.Result empty =
        submit(tmp, "recommend-for", "--user", "1", "--conf", "warehouse.path=" + tmp);
    assertEquals(1, empty.code(), empty.err());
    assertEquals(
        "movierec recommend-for: no movies on or before "
            + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
            + " under "
            + tmp
            + "; run ./submit.sh pipeline first",
        empty.err().strip());
  }

  /**
   * A deployed install (the jar, submit.sh, conf/ and jobs/; no pom.xml, no Maven) runs through
   * spark-submit without building or printing anything of its own, and passes a launch setting only
   * when the config sets one. A cluster master never falls back to the embedded Spark.
   */
  @Test
  void deployedInstallPassesOnlyConfiguredLaunchSettings() throws Exception {
    Path project = SparkTestSupport.projectDir();
    Path install = tmp.resolve("install");
    Files.createDirectories(install);
    Files.copy(project.resolve("submit.sh"), install.resolve("submit.sh"));
    Files.copy(project.resolve("target/movierec.jar"), install.resolve("movierec.jar"));
    for (String dir : List.of("conf", "jobs")) {
      try (var files = Files.walk(project.resolve(dir))) {
        for (Path f : files.toList()) {
          Path to = install.resolve(project.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else {
            Files.copy(f, to);
          }
        }
      }
    }
    // spark-submit records its arguments; a Maven on PATH leaves a mark if anything runs it.
    Path args = tmp.resolve("spark-submit-args");
    Path mvnRan = tmp.resolve("mvn-ran");
    Path bin = tmp.resolve("bin");
    executable(bin.resolve("mvn"), "touch '" + mvnRan + "'; exit 1");
    Path sparkHome = tmp.resolve("spark");
    Files.createDirectories(sparkHome.resolve("jars"));
    executable(sparkHome.resolve("bin/spark-submit"), "printf '%s\\n' \"$@\" > '" + args + "'");
    Map<String, String> env =
        Map.of("SPARK_HOME", sparkHome.toString(), "PATH", bin + ":" + System.getenv("PATH"));
    String script = install.resolve("submit.sh").toString();

    Scripts.Result plain =
        Scripts.run(tmp, tmp, env, 5, script, "ingest", "--run-date", "2026-12-01");
    assertEquals(0, plain.code(), plain.err());
    assertEquals("", plain.err(), "nothing of submit.sh's own on a good run");
    List<String> passed = Files.readAllLines(args, StandardCharsets.UTF_8);
    assertTrue(passed.contains("movierec.Main") && passed.contains("ingest"), "" + passed);
    for (String unset :
        List.of("--driver-memory", "--executor-memory", "--executor-cores", "--master")) {
      assertFalse(passed.contains(unset), unset + " is not configured: " + passed);
    }
    assertFalse(
        passed.stream().anyMatch(a -> a.startsWith("spark.executor.instances")), "" + passed);

    Scripts.Result set =
        Scripts.run(
            tmp,
            tmp,
            env,
            5,
            script,
            "train",
            "--conf",
            "launch.driver-memory=3g",
            "--conf",
            "launch.master=yarn");
    assertEquals(0, set.code(), set.err());
    String joined = String.join(" ", Files.readAllLines(args, StandardCharsets.UTF_8));
    assertTrue(joined.contains("--driver-memory 3g"), joined);
    assertTrue(joined.contains("--master yarn"), joined);
    assertFalse(Files.exists(mvnRan), "a deployed install never runs Maven");

    Map<String, String> noSpark = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    Scripts.Result embedded = Scripts.run(tmp, tmp, noSpark, 5, script, "ingest");
    assertEquals(2, embedded.code(), embedded.err());
    assertTrue(embedded.err().contains("set SPARK_HOME"), embedded.err());
    Scripts.Result cluster = submit(tmp, "ingest", "--conf", "launch.master=yarn");
    assertEquals(2, cluster.code(), cluster.err());
    assertTrue(cluster.err().contains("master 'yarn' needs spark-submit"), cluster.err());
  }

  private static void executable(Path file, String body) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
