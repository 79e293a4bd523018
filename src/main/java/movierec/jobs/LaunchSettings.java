package movierec.jobs;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import movierec.cli.CommonOptions;
import movierec.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/**
 * Prints a job's launch settings for submit.sh, one {@code name=value} per line, from the same
 * layered config the job reads: {@code master}, {@code deploy-mode}, {@code driver-memory}, {@code
 * executor-memory}, {@code executor-cores}, {@code num-executors} (each only when set), then {@code
 * conf=key=value} for each extra Spark setting. Needs no Spark on the classpath.
 */
public final class LaunchSettings {
  private static final Pattern ABSOLUTE = Pattern.compile("/.*|[A-Za-z][A-Za-z0-9+.\\-]*:.*");

  private LaunchSettings() {}

  /**
   * Arguments: {@code [--config-file FILE | --config-text NAME:BASE64]... [--conf key=value]...};
   * exits 2 on bad config.
   */
  public static void main(String[] args) {
    int code = print(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * A driver started on a cluster node resolves a relative path against its own working directory
   * there (a worker's scratch directory), not the directory submit.sh ran in: output would land
   * where nobody looks. Such paths are refused before submission.
   */
  static void requireClusterPaths(AppConfig c) {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("input.path", c.input().path());
    paths.put("warehouse.path", c.warehousePath());
    paths.put("train.checkpoint-dir", c.train().checkpointDir());
    paths.forEach(
        (key, path) -> {
          if (!ABSOLUTE.matcher(path).matches()) {
            throw new ConfigException(
                key
                    + " = '"
                    + path
                    + "' is relative; with --deploy-mode cluster the driver runs on a cluster"
                    + " node, so give an absolute path or a URI (hdfs://..., s3a://...)");
          }
        });
  }

  /** The configuration options of a job's command line, and nothing else. */
  private static final class Arguments {
    @Mixin private CommonOptions common = new CommonOptions();
  }

  static int print(String[] args, PrintStream out, PrintStream err) {
    Arguments parsed = new Arguments();
    try {
      new CommandLine(parsed).setOverwrittenOptionsAllowed(true).parseArgs(args);
      AppConfig config =
          ConfigLoader.load(parsed.common.configSources(), parsed.common.overrides());
      AppConfig.LaunchConfig l = config.launch();
      if (l.deployMode().equals("cluster")) {
        requireClusterPaths(config);
      }
      l.master().ifPresent(m -> out.println("master=" + m));
      out.println("deploy-mode=" + l.deployMode());
      l.driverMemory().ifPresent(m -> out.println("driver-memory=" + m));
      l.executorMemory().ifPresent(m -> out.println("executor-memory=" + m));
      l.executorCores().ifPresent(n -> out.println("executor-cores=" + n));
      l.numExecutors().ifPresent(n -> out.println("num-executors=" + n));
      l.sparkConf().forEach((k, v) -> out.println("conf=" + k + "=" + v));
      return 0;
    } catch (ConfigException | ParameterException e) {
      err.println("movierec: " + e.getMessage());
      return 2;
    }
  }
}
