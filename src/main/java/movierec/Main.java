package movierec;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import movierec.cli.CommandLine;
import movierec.cli.NotFoundException;
import movierec.cli.UsageException;
import movierec.config.AppConfig;
import movierec.config.ConfigException;
import movierec.config.ConfigLoader;
import movierec.jobs.Job;
import movierec.jobs.JobRegistry;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point: parse the command line, load and validate the config, build the job, start
 * Spark, run, stop Spark, exit. Exit codes: 0 done, 1 the job failed, 2 bad usage or config.
 */
public final class Main {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line and returns the exit code; never throws, never exits. */
  @SuppressWarnings("IllegalCatch")
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("help"))) {
      out.println(usage());
      return OK;
    }
    CommandLine cl;
    JobRegistry.Entry entry;
    try {
      cl = CommandLine.parse(args, CommandLine.todayUtc());
      entry =
          JobRegistry.find(cl.job())
              .orElseThrow(() -> new UsageException("unknown job '" + cl.job() + "'"));
    } catch (UsageException e) {
      err.println("movierec: " + e.getMessage());
      err.println(usage());
      return USAGE;
    }
    AppConfig config;
    Job job;
    try {
      config = ConfigLoader.load(cl.configSources(), cl.overrides());
      job = entry.factory().create(config, cl.runDate(), cl.jobArgs());
    } catch (ConfigException e) {
      err.println("movierec: " + e.getMessage());
      return USAGE;
    } catch (UsageException e) {
      err.println("movierec: " + e.getMessage());
      err.println(usage());
      return USAGE;
    }
    if (job.needsSpark()) {
      LOG.info("Job {} for run date {} with {}", cl.job(), cl.runDate(), config);
    } else {
      // Commands for a terminal (recommend-for, fetch-data) keep stderr short.
      LOG.debug("Job {} for run date {} with {}", cl.job(), cl.runDate(), config);
    }

    SparkSession spark = null;
    try {
      job.preflight(hadoopConf(config));
      if (job.needsSpark()) {
        spark = session(cl.master(), config);
      }
      job.run(spark);
      LOG.info("Job {} for run date {} succeeded", cl.job(), cl.runDate());
      return OK;
    } catch (NotFoundException e) {
      err.println("movierec: " + e.getMessage());
      return FAILED;
    } catch (Throwable t) {
      LOG.error("Job {} for run date {} failed", cl.job(), cl.runDate(), t);
      err.println("movierec: job " + cl.job() + " failed: " + rootMessage(t));
      return FAILED;
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  /** The usage text: the command form and every job. */
  public static String usage() {
    StringBuilder sb = new StringBuilder();
    sb.append("usage: movierec <job> [--run-date YYYY-MM-DD] [--master URL]")
        .append(" [--config-file FILE | --config-text NAME:BASE64]...")
        .append(" [--conf key=value]... [job options]\n\njobs:\n");
    for (JobRegistry.Entry e : JobRegistry.all()) {
      sb.append(String.format("  %-12s %s%n", e.name(), e.description()));
    }
    sb.append("\n--conf spark.x=y sets a Spark setting; any other key a movierec setting")
        .append(" (see reference.conf).\nExit codes: 0 done, 1 job failed, 2 bad usage or config.");
    return sb.toString();
  }

  private static SparkSession session(Optional<String> master, AppConfig config) {
    SparkSession.Builder b = SparkSession.builder().appName(config.spark().appName());
    // spark-submit passes the master as a system property; honour it over our default.
    if (!new SparkConf().contains("spark.master")) {
      b.master(master.orElse("local[*]"));
    } else if (master.isPresent()) {
      LOG.warn("Ignoring --master {}: spark-submit already set the master", master.get());
    }
    config.spark().conf().forEach(b::config);
    return b.getOrCreate();
  }

  /** Hadoop settings for preflight checks: the spark.hadoop.* settings, as Spark would apply. */
  private static Configuration hadoopConf(AppConfig config) {
    Configuration conf = new Configuration();
    for (Map.Entry<String, String> e : config.spark().conf().entrySet()) {
      if (e.getKey().startsWith("spark.hadoop.")) {
        conf.set(e.getKey().substring("spark.hadoop.".length()), e.getValue());
      }
    }
    return conf;
  }

  /** The message of the deepest cause, which is usually the one that says what to fix. */
  static String rootMessage(Throwable t) {
    String msg = t.getMessage() != null ? t.getMessage() : t.toString();
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
      if (c.getMessage() != null && !msg.contains(c.getMessage())) {
        msg = msg + " (caused by " + c + ")";
      }
    }
    return msg;
  }
}
