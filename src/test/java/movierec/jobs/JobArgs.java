package movierec.jobs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import movierec.cli.UsageException;
import picocli.CommandLine.ParameterException;

/** A job built from its command line as Main builds it; a rejected option is a UsageException. */
public final class JobArgs {
  private JobArgs() {}

  public static JobCommand parse(String job, String... args) {
    List<String> all = new ArrayList<>(List.of(job));
    all.addAll(List.of(args));
    try {
      return JobRegistry.commandLine()
          .parseArgs(all.toArray(String[]::new))
          .subcommand()
          .commandSpec()
          .commandLine()
          .getCommand();
    } catch (ParameterException e) {
      throw new UsageException(e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  public static <J extends Job> J create(
      AppConfig config, LocalDate day, String job, String... args) {
    return (J) parse(job, args).create(config, day);
  }
}
