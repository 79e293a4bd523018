package movierec.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import movierec.SparkTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAG compiles, turns exactly Main's pipeline stages, in order, into tasks, and gives
 * each the timeout, retry rule, run date and kill path an operator relies on
 * (src/test/python/check_movierec_dag.py, with stand-ins for the Airflow names it imports). Needs
 * python3 (not Airflow), which .ci/run installs: a machine without it fails here, saying so, rather
 * than skipping unseen.
 */
class AirflowDagTest {
  private static final Path DAG =
      SparkTestSupport.projectDir().resolve("jobs/airflow/movierec_dag.py");

  private static String python(Path cwd, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("python3"));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "python3 is needed to check the Airflow DAG (apt-get install python3): " + e.getMessage(),
          e);
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 timed out");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void dagCompilesAndRunsMainsStagesInOrder(@TempDir Path tmp) throws Exception {
    python(
        tmp,
        "-c",
        "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
        DAG.toString(),
        tmp.resolve("dag.pyc").toString());
    List<String> lines = python(tmp, DAG.toString()).lines().map(String::strip).toList();
    assertEquals(StageOrder.NAMES, lines.stream().map(l -> l.split(" ")[0]).toList(), "stages");
    for (String line : lines) {
      assertTrue(line.matches("[a-z-]+ [1-9][0-9]*"), "a stage and its timeout: " + line);
    }
  }

  @Test
  void tasksHaveTimeoutsFailOnBadConfigWithoutRetryAndStopTheirDriverWhenKilled(@TempDir Path tmp)
      throws Exception {
    Path check = SparkTestSupport.projectDir().resolve("src/test/python/check_movierec_dag.py");
    Path stages = SparkTestSupport.projectDir().resolve("jobs/stages.conf");
    String out = python(tmp, check.toString(), DAG.toString(), stages.toString(), tmp.toString());
    assertEquals("ok", out.strip());
  }

  @Test
  void dagNeverReadsTheClock() throws IOException {
    String src = Files.readString(DAG);
    assertFalse(src.contains("now()") || src.contains("today()"), "no wall clock in the DAG");
  }
}
