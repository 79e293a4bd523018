package movierec.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import movierec.cli.CommonOptions;
import movierec.cli.ConfigSource;
import movierec.cli.UsageException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line every job shares, and the help generated from the same declarations. */
class JobCommandLineTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

  private static CommonOptions common(String... args) {
    return JobArgs.parse("ingest", args).common();
  }

  @Test
  void commonOptionsKeepConfigLayersInOrderAndTheLastValueOfARepeatedOption() {
    String text = Base64.getEncoder().encodeToString("a = 1".getBytes());
    CommonOptions c =
        common(
            "--run-date",
            "2024-01-31",
            "--master",
            "local[2]",
            "--config-file",
            "a.conf",
            "--config-text",
            "b.conf:" + text,
            "--config-file",
            "c.conf",
            "--conf",
            "input.path=/x=y",
            "--conf",
            "spark.a=1",
            "--conf",
            "spark.a=2",
            "--run-date",
            "2024-02-01");
    assertEquals(LocalDate.of(2024, 2, 1), c.runDate(TODAY));
    assertEquals("local[2]", c.master().orElseThrow());
    assertEquals(
        List.of(
            ConfigSource.file(new File("a.conf")),
            ConfigSource.inline("b.conf", "a = 1"),
            ConfigSource.file(new File("c.conf"))),
        c.configSources());
    assertEquals(Map.of("input.path", "/x=y", "spark.a", "2"), c.overrides());
  }

  @Test
  void runDateDefaultsToTheGivenDay() {
    assertEquals(TODAY, common().runDate(TODAY));
  }

  @Test
  void badArgumentsAreUsageErrorsThatNameTheOption() {
    assertTrue(fails("--run-date", "27/11/2026").getMessage().contains("YYYY-MM-DD"));
    assertTrue(fails("--run-date").getMessage().contains("--run-date"));
    assertTrue(fails("--conf", "novalue").getMessage().contains("key=value"));
    assertTrue(fails("--conf", "a b=c").getMessage().contains("characters"));
    assertTrue(fails("--config-text", "nocolon").getMessage().contains("NAME:BASE64"));
    assertTrue(fails("--bogus").getMessage().contains("'--bogus'"));
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
      assertEquals(ok, common("--master", ok).master().orElseThrow());
    }
    for (String bad :
        new String[] {
          "lokal", "local[0]", "local[x]", "spark://host", "spark:/h:1", "yarn-client"
        }) {
      assertTrue(fails("--master", bad).getMessage().contains("is not a Spark master URL"), bad);
    }
  }

  @Test
  void helpListsEveryJobAndEachJobsHelpListsEveryOption() {
    CommandLine root = JobRegistry.commandLine();
    String rootHelp = root.getUsageMessage();
    assertEquals(
        JobRegistry.all().stream().map(JobRegistry.Entry::name).toList(),
        List.copyOf(root.getSubcommands().keySet()));
    for (JobRegistry.Entry e : JobRegistry.all()) {
      assertTrue(rootHelp.contains("  " + e.name() + " "), e.name() + " in\n" + rootHelp);
      CommandLine job = root.getSubcommands().get(e.name());
      String help = job.getUsageMessage();
      List<OptionSpec> options = job.getCommandSpec().options();
      assertTrue(options.size() >= 6, e.name() + ": the common options and --help");
      for (OptionSpec o : options) {
        assertTrue(help.contains(o.longestName()), e.name() + " " + o.longestName() + "\n" + help);
      }
      job.getCommandSpec()
          .positionalParameters()
          .forEach(p -> assertTrue(help.contains(p.paramLabel()), e.name() + " " + p.paramLabel()));
    }
  }

  private static UsageException fails(String... args) {
    return assertThrows(UsageException.class, () -> JobArgs.parse("ingest", args));
  }
}
