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
 * The Airflow DAG compiles and turns exactly Main's pipeline stages, in order, into tasks. Needs
 * python3 (not Airflow: the DAG prints its stages without importing it), which .ci/run installs: a
 * machine without it fails here, saying so, rather than skipping unseen.
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
    List<String> stages = python(tmp, DAG.toString()).lines().map(String::strip).toList();
    assertEquals(JobRegistry.PIPELINE_STAGES, stages);
  }

  @Test
  void dagPassesTheRunDateFromAirflowAndNeverTheClock() throws IOException {
    String src = Files.readString(DAG);
    assertTrue(src.contains("--run-date \"{{{{ ds }}}}\""), "run date from {{ ds }}");
    assertTrue(src.contains("\"retries\":"), "tasks retry");
    assertFalse(src.contains("now()"), "no wall clock in the DAG");
  }
}
