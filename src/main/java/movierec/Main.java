package movierec;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import movierec.catalog.CatalogConfig;
import movierec.catalog.MetastoreLock;
import movierec.cli.CommonOptions;
import movierec.cli.NotFoundException;
import movierec.cli.UsageException;
import movierec.config.ConfigException;
import movierec.config.ExecutorWait;
import movierec.config.ShufflePartitions;
import movierec.ingest.IngestException;
import movierec.io.DeltaTables;
import movierec.io.PartitionLock;
import movierec.io.Preflight;
import movierec.io.TableFormat;
import movierec.jobs.AppConfig;
import movierec.jobs.ConfigLoader;
import movierec.jobs.FetchDataJob;
import movierec.jobs.Job;
import movierec.jobs.JobCommand;
import movierec.jobs.JobRegistry;
import movierec.jobs.WarehouseTables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

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
    CommandLine root = JobRegistry.commandLine();
    ParseResult parsed;
    try {
      parsed = root.parseArgs(helpAliases(args));
    } catch (ParameterException e) {
      err.println(describe(e));
      return USAGE;
    }
    if (parsed.isUsageHelpRequested()) {
      out.print(root.getUsageMessage());
      return OK;
    }
    if (!parsed.hasSubcommand()) {
      err.println("movierec: no job given");
      err.print(root.getUsageMessage());
      return USAGE;
    }
    CommandLine jobLine = parsed.subcommand().commandSpec().commandLine();
    if (parsed.subcommand().isUsageHelpRequested()) {
      out.print(jobLine.getUsageMessage());
      return OK;
    }
    String name = jobLine.getCommandName();
    JobCommand command = jobLine.getCommand();
    LocalDate runDate = command.common().runDate(CommonOptions.todayUtc());
    AppConfig config;
    Job job;
    try {
      config = ConfigLoader.load(command.common().configSources(), command.common().overrides());
      job = command.create(config, runDate);
    } catch (ConfigException e) {
      err.println("movierec: " + e.getMessage());
      return USAGE;
    } catch (UsageException e) {
      err.println("movierec " + name + ": " + e.getMessage() + helpHint(name));
      return USAGE;
    }
    SparkSession spark = null;
    List<PartitionLock> locks = new ArrayList<>();
    try {
      Configuration hadoopConf = hadoopConf(config);
      Preflight.formatMatches(
          config.warehousePath(), WarehouseTables.ALL, config.warehouseFormat(), hadoopConf);
      Preflight.partitionsExist(config.warehousePath(), job.inputs(), runDate, hadoopConf);
      job.preflight(hadoopConf);
      // Before anything is logged: a refusal is the only line a second writer prints.
      for (String stage : job.writes()) {
        locks.add(
            PartitionLock.acquire(
                hadoopConf,
                config.warehousePath(),
                stage,
                runDate,
                PartitionLock.Owner.current(name, runDate)));
      }
      // After the checks, so that a failed one is the only line printed.
      if (job.needsSpark()) {
        LOG.info("Job {} for run date {} with {}", name, runDate, config);
        String memory = System.getProperty(DERIVED_MEMORY);
        if (memory != null) {
          LOG.info("launch.driver-memory derived: {}", memory);
        }
      } else {
        // Commands for a terminal (recommend-for, fetch-data) keep stderr short.
        LOG.debug("Job {} for run date {} with {}", name, runDate, config);
      }
      if (job.needsSpark()) {
        spark = session(command.common().master(), config, job.queriesCatalog());
      }
      job.run(spark);
      LOG.info("Job {} for run date {} succeeded", name, runDate);
      return OK;
    } catch (PartitionLock.HeldException e) {
      // Another live job writes these partitions: a retry fails the same way until it ends.
      err.println("movierec " + name + ": " + e.getMessage());
      return USAGE;
    } catch (NotFoundException
        | Preflight.PreflightException
        | FetchDataJob.FetchException
        | IngestException e) {
      // Expected: the message says what to fix; the trace only at debug level.
      LOG.debug("Job {} for run date {} stopped", name, runDate, e);
      err.println("movierec " + name + ": " + e.getMessage());
      return FAILED;
    } catch (Throwable t) {
      LOG.error("Job {} for run date {} failed", name, runDate, t);
      err.println("movierec: job " + name + " failed: " + rootMessage(t));
      return FAILED;
    } finally {
      if (spark != null) {
        spark.stop();
      }
      locks.forEach(PartitionLock::close);
    }
  }

  /** {@code help} is {@code --help}, and {@code help JOB} is {@code JOB --help}. */
  private static String[] helpAliases(String[] args) {
    if (args.length == 1 && args[0].equals("help")) {
      return new String[] {"--help"};
    }
    if (args.length == 2 && args[0].equals("help")) {
      return new String[] {args[1], "--help"};
    }
    return args;
  }

  /** One line that names what is wrong, and where the options are listed. */
  static String describe(ParameterException e) {
    CommandLine where = e.getCommandLine();
    boolean atRoot = where.getParent() == null;
    String msg = e.getMessage();
    if (atRoot && e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      if (!arg.startsWith("-")) {
        msg = "unknown job '" + arg + "'";
      }
    }
    if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      msg += "; did you mean " + u.getSuggestions().get(0) + "?";
    }
    String name = atRoot ? null : where.getCommandName();
    return "movierec" + (name == null ? ": " : " " + name + ": ") + msg + helpHint(name);
  }

  private static String helpHint(String job) {
    return job == null ? " ('--help' lists the jobs)" : " ('" + job + " --help' lists its options)";
  }

  /** Set by submit.sh when it sized the embedded JVM's heap itself: how, for the log. */
  static final String DERIVED_MEMORY = "movierec.launch.derived-driver-memory";

  private static SparkSession session(
      Optional<String> master, AppConfig config, boolean queriesCatalog) {
    SparkSession.Builder b = SparkSession.builder().appName(config.spark().appName());
    // spark-submit passes the master as a system property; honour it over our default.
    if (!new SparkConf().contains("spark.master")) {
      b.master(master.orElse("local[*]"));
    } else if (master.isPresent()) {
      LOG.warn("Ignoring --master {}: spark-submit already set the master", master.get());
    }
    catalog(b, config.catalog(), queriesCatalog);
    if (config.warehouseFormat() == TableFormat.DELTA) {
      DeltaTables.configure(b);
    }
    // Timestamps as Parquet's standard INT64 microseconds, which DuckDB, Trino and pandas read as
    // TIMESTAMP, rather than the legacy INT96; a setting in spark.conf still wins.
    b.config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    config.spark().conf().forEach(b::config);
    SparkSession spark = b.getOrCreate();
    String executors = ExecutorWait.await(spark.sparkContext());
    if (executors != null) {
      LOG.info("Standalone cluster: {}", executors);
    }
    if (!config.spark().conf().containsKey(ShufflePartitions.KEY)
        && !new SparkConf().contains(ShufflePartitions.KEY)) {
      int cores =
          ShufflePartitions.cores(
              spark.sparkContext().getConf(), spark.sparkContext().defaultParallelism());
      int partitions = ShufflePartitions.forCores(cores);
      spark.conf().set(ShufflePartitions.KEY, partitions);
      LOG.info("{} derived: {}", ShufflePartitions.KEY, ShufflePartitions.why(cores));
    }
    return spark;
  }

  /**
   * The catalog that tables are registered in: Hive's, on an embedded Derby metastore in
   * catalog.metastore-dir unless catalog.metastore = hive names an external one (in spark.conf).
   */
  private static void catalog(
      SparkSession.Builder b, CatalogConfig catalog, boolean queriesCatalog) {
    if (!catalog.enabled()) {
      return;
    }
    if (queriesCatalog && catalog.embedded() && !MetastoreLock.tryHold(catalog.metastoreDir())) {
      LOG.info(
          "The embedded metastore in {} is open in process {}: the tables are read into this"
              + " session's own catalog",
          catalog.metastoreDir(),
          MetastoreLock.holder(catalog.metastoreDir()));
      b.config("spark.sql.catalogImplementation", "in-memory");
      return;
    }
    b.enableHiveSupport();
    if (catalog.metastore() == CatalogConfig.Metastore.EMBEDDED) {
      String dir = catalog.metastoreDir();
      try {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(
            "cannot create catalog.metastore-dir " + dir + ": " + e.getMessage(), e);
      }
      // Derby writes its log to the working directory unless told otherwise.
      System.setProperty("derby.stream.error.file", dir + "/derby.log");
      b.config(
          "spark.hadoop.javax.jdo.option.ConnectionURL",
          "jdbc:derby:;databaseName=" + dir + "/metastore_db;create=true");
      b.config("spark.sql.warehouse.dir", dir + "/spark-warehouse");
    }
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
