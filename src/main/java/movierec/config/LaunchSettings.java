package movierec.config;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import movierec.cli.CommandLine;
import movierec.cli.UsageException;

/**
 * Prints a job's launch settings for submit.sh, one {@code name=value} per line, from the same
 * layered config the job reads: {@code deploy-mode}, {@code driver-memory}, {@code
 * executor-memory}, {@code executor-cores}, {@code num-executors}, then {@code conf=key=value} for
 * each extra Spark setting. Needs no Spark on the classpath.
 */
public final class LaunchSettings {
  private LaunchSettings() {}

  /** Arguments: {@code [--config-file FILE]... [--conf key=value]...}; exits 2 on bad config. */
  public static void main(String[] args) {
    int code = print(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int print(String[] args, PrintStream out, PrintStream err) {
    List<String> all = new ArrayList<>(List.of("launch"));
    all.addAll(List.of(args));
    try {
      CommandLine cl = CommandLine.parse(all.toArray(String[]::new), LocalDate.EPOCH);
      if (!cl.jobArgs().isEmpty()) {
        throw new UsageException("unexpected arguments " + cl.jobArgs());
      }
      AppConfig.LaunchConfig l = ConfigLoader.load(cl.configFiles(), cl.overrides()).launch();
      out.println("deploy-mode=" + l.deployMode());
      out.println("driver-memory=" + l.driverMemory());
      out.println("executor-memory=" + l.executorMemory());
      out.println("executor-cores=" + l.executorCores());
      out.println("num-executors=" + l.numExecutors());
      l.sparkConf().forEach((k, v) -> out.println("conf=" + k + "=" + v));
      return 0;
    } catch (ConfigException | UsageException e) {
      err.println("movierec: " + e.getMessage());
      return 2;
    }
  }
}
