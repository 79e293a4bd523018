package movierec.jobs;

import java.time.LocalDate;
import movierec.cli.CommonOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A job's command line: its own options (declared by the subclass), the common options and {@code
 * --help}. Parsed before the config is loaded; {@link #create} builds the job from the validated
 * config, so a bad option or config fails before Spark starts.
 */
public abstract class JobCommand {
  @Mixin private CommonOptions common = new CommonOptions();

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Print this help and exit.",
      order = 99)
  private boolean help;

  public CommonOptions common() {
    return common;
  }

  /**
   * Builds the job. Throws {@link movierec.cli.UsageException} for what the option declarations
   * cannot check (combinations, names from the config).
   */
  public abstract Job create(AppConfig config, LocalDate runDate);
}
