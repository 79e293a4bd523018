package movierec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the entry point, for failures that happen before Spark starts. */
class MainTest {
  @TempDir Path tmp;

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryJobAndExitsZero() {
    Outcome o = run("--help");
    assertEquals(0, o.code());
    for (String job : new String[] {"ingest", "pipeline", "fetch-data", "bench-scale"}) {
      assertTrue(o.out().contains(job), o.out());
    }
    Outcome job = run("pipeline", "--help");
    assertEquals(0, job.code());
    assertTrue(job.out().contains("--until=STAGE") && job.out().contains("--run-date"), job.out());
    assertEquals(job.out(), run("help", "pipeline").out());
    assertEquals("", job.err());
  }

  @Test
  void noJobOrUnknownJobIsUsageError() {
    Outcome none = run();
    assertEquals(2, none.code());
    assertTrue(none.err().contains("Usage:"), none.err());
    Outcome unknown = run("ingets");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown job 'ingets'; did you mean ingest?"), unknown.err());
    assertEquals(1, unknown.err().strip().lines().count(), "one line, not the usage");
  }

  @Test
  void badOptionsAreUsageErrors() {
    Outcome bogus = run("ingest", "--bogus");
    assertEquals(2, bogus.code());
    assertEquals(
        "movierec ingest: Unknown option: '--bogus' ('ingest --help' lists its options)",
        bogus.err().strip());
    assertEquals(2, run("ingest", "--run-date", "yesterday").code());
    assertEquals(2, run("fetch-data").code());
    assertEquals(2, run("fetch-data", "ml-2m").code());
  }

  @Test
  void unknownConfigKeyIsNamed() {
    Outcome o = run("ingest", "--conf", "input.pth=/x");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("unknown config key 'input.pth'"), o.err());
    assertTrue(o.err().contains("did you mean 'input.path'?"), o.err());
    Outcome unset = run("ingest", "--conf", "launch.driver-memroy=3g");
    assertTrue(unset.err().contains("did you mean 'launch.driver-memory'?"), unset.err());
    Outcome far = run("ingest", "--conf", "input.colour=red");
    assertTrue(far.err().contains("known keys here: "), "no guess for a far name: " + far.err());
  }

  @Test
  void missingUpstreamPartitionFailsBeforeSparkNamingTheStage() {
    Outcome o =
        run(
            "train",
            "--run-date",
            "2026-12-01",
            "--conf",
            "input.path=" + tmp,
            "--conf",
            "warehouse.path=" + tmp.resolve("empty"));
    assertEquals(1, o.code());
    assertEquals(
        "movierec train: table ratings has no partition for run date 2026-12-01 at "
            + tmp.resolve("empty")
            + "/ratings/run_date=2026-12-01: run the ingest stage for that date first"
            + " (./submit.sh ingest --run-date 2026-12-01)",
        o.err().strip());
  }

  @Test
  void missingInputFailsBeforeSparkWithWhatToDo() {
    Outcome o =
        run(
            "ingest",
            "--conf",
            "input.path=" + tmp.resolve("nowhere"),
            "--conf",
            "warehouse.path=" + tmp.resolve("wh"));
    assertEquals(1, o.code());
    assertTrue(o.err().contains("input.path"), o.err());
    assertTrue(o.err().contains("fetch-data"), o.err());
  }

  @Test
  void unwritableWarehouseFailsBeforeSpark() throws Exception {
    Path file = java.nio.file.Files.writeString(tmp.resolve("a-file"), "x");
    Outcome o =
        run(
            "ingest",
            "--conf",
            "input.path=" + tmp,
            "--conf",
            "warehouse.path=" + file.resolve("wh"));
    assertEquals(1, o.code());
    assertTrue(o.err().contains("warehouse.path"), o.err());
  }
}
