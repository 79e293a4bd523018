package movierec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import movierec.config.ConfigSource;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

  @Test
  void parsesCommonOptionsAndLeavesTheRestToTheJob() {
    CommandLine cl =
        CommandLine.parse(
            new String[] {
              "fetch-data", "ml-1m", "--run-date", "2024-01-31", "--master", "local[2]",
              "--config-file", "a.conf", "--conf", "input.path=/x=y", "--dest", "d"
            },
            TODAY);
    assertEquals("fetch-data", cl.job());
    assertEquals(LocalDate.of(2024, 1, 31), cl.runDate());
    assertEquals("local[2]", cl.master().orElseThrow());
    assertEquals(List.of(ConfigSource.file(new File("a.conf"))), cl.configSources());
    assertEquals(Map.of("input.path", "/x=y"), cl.overrides());
    assertEquals(List.of("ml-1m", "--dest", "d"), cl.jobArgs());
  }

  @Test
  void runDateDefaultsToTheGivenDay() {
    assertEquals(TODAY, CommandLine.parse(new String[] {"ingest"}, TODAY).runDate());
  }

  @Test
  void badArgumentsAreUsageErrorsThatSayWhy() {
    assertTrue(fails().getMessage().contains("no job"));
    assertTrue(fails("ingest", "--run-date", "27/11/2026").getMessage().contains("YYYY-MM-DD"));
    assertTrue(fails("ingest", "--run-date").getMessage().contains("needs a value"));
    assertTrue(fails("ingest", "--conf", "novalue").getMessage().contains("key=value"));
    assertTrue(fails("ingest", "--conf", "a b=c").getMessage().contains("characters"));
    assertTrue(fails("../etc").getMessage().contains("not a job name"));
  }

  @Test
  void masterUrlsAreCheckedBeforeAnySparkWork() {
    for (String ok :
        new String[] {
          "local",
          "local[2]",
          "local[*]",
          "local[4,3]",
          "spark://127.0.0.1:7077",
          "spark://a:7077,b:7077",
          "yarn",
          "k8s://https://api.example:6443",
          "k8s://api:443"
        }) {
      assertEquals(
          ok, CommandLine.parse(new String[] {"ingest", "--master", ok}, TODAY).master().get());
    }
    for (String bad :
        new String[] {
          "lokal", "local[0]", "local[x]", "spark://host", "spark:/h:1", "yarn-client"
        }) {
      assertTrue(
          fails("ingest", "--master", bad).getMessage().contains("is not a Spark master URL"), bad);
    }
  }

  private static UsageException fails(String... args) {
    return assertThrows(UsageException.class, () -> CommandLine.parse(args, TODAY));
  }
}
