package movierec.jobs;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import movierec.config.AppConfig;
import movierec.ingest.Ingest;
import movierec.ingest.IngestException;
import movierec.ingest.Lookups;
import movierec.ingest.MovieLensFormat;
import movierec.io.PartitionCommit;
import movierec.io.Preflight;
import movierec.io.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ingest: reads the MovieLens directory at {@code input.path} and replaces the run date's partition
 * of {@code users}, {@code movies}, {@code ratings} and {@code rejects}, and of the code tables
 * {@code age_groups} and {@code occupations}. When more than {@code ingest.max-reject-fraction} of
 * the lines are rejected it fails and writes nothing.
 */
public final class IngestJob implements Job {
  public static final String NAME = "ingest";
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private final AppConfig config;
  private final LocalDate runDate;

  public IngestJob(AppConfig config, LocalDate runDate) {
    this.config = config;
    this.runDate = runDate;
  }

  @Override
  public void preflight(Configuration hadoopConf) {
    Preflight.inputExists(config.input().path(), hadoopConf);
    Preflight.warehouseWritable(config.warehousePath(), hadoopConf);
  }

  @Override
  public void run(SparkSession spark) {
    Path dir = new Path(config.input().path());
    MovieLensFormat format =
        MovieLensFormat.resolve(
            config.input().format(), dir, spark.sparkContext().hadoopConfiguration());
    LOG.info("Ingesting {} ({} layout) for run date {}", dir, format.configName(), runDate);
    spark.sparkContext().setJobGroup(NAME, "ingest " + dir + " for " + runDate, false);

    Ingest.Result result = read(spark, format, dir);
    try {
      for (Ingest.FileCount c : result.counts()) {
        LOG.info(
            "{}: {} lines read = {} clean + {} rejected + {} header{}",
            c.file(),
            c.lines(),
            c.clean(),
            c.rejects(),
            c.headers(),
            c.byReason().isEmpty() ? "" : "; rejects by reason " + c.byReason());
      }
      checkRejectFraction(result);
      checkEveryFileHasRecords(result);
      try (PartitionCommit commit =
          new PartitionCommit(spark, config.warehousePath(), runDate, config.warehouseFormat())) {
        commit.stage(Tables.USERS, result.users());
        commit.stage(Tables.MOVIES, result.movies());
        commit.stage(Tables.RATINGS, result.ratings());
        commit.stage(Tables.REJECTS, result.rejects());
        commit.stage(Tables.AGE_GROUPS, Lookups.ageGroups(spark));
        commit.stage(Tables.OCCUPATIONS, Lookups.occupations(spark, format));
        commit.commit();
      }
      LOG.info(
          "Ingest wrote {} tables to {} for {}: {} lines, {} rejected",
          6,
          config.warehousePath(),
          runDate,
          result.linesRead(),
          result.rejected());
    } finally {
      result.unpersist();
    }
  }

  /**
   * Reads and counts the input (the counting is its first Spark job). A file that vanishes or
   * cannot be read meanwhile (a directory replaced or deleted mid-run) fails the job with one line;
   * nothing has been staged yet.
   */
  private Ingest.Result read(SparkSession spark, MovieLensFormat format, Path dir) {
    try {
      return Ingest.run(spark, format, dir, config.input().charset());
    } catch (Exception e) { // Spark's job failures are checked exceptions thrown unchecked
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof java.io.IOException io) {
          throw new IngestException(
              String.format(
                  "the input at %s could not be read while ingest ran (%s: %s); nothing was"
                      + " written. Check that the directory is complete and stays in place, and"
                      + " rerun.",
                  config.input().path(), io.getClass().getSimpleName(), io.getMessage()));
        }
      }
      throw e;
    }
  }

  /**
   * An empty or wholly rejected file would replace a good partition with an empty table: it fails
   * the job instead, however small its share of the lines.
   */
  private void checkEveryFileHasRecords(Ingest.Result result) {
    for (Ingest.FileCount c : result.counts()) {
      if (c.clean() == 0) {
        throw new IngestException(
            String.format(
                "%s has no valid records (%d lines read, %d rejected%s); nothing was written. Fix"
                    + " the file at %s.",
                c.file(),
                c.lines(),
                c.rejects(),
                c.byReason().isEmpty() ? "" : ": " + c.byReason(),
                config.input().path()));
      }
    }
  }

  private void checkRejectFraction(Ingest.Result result) {
    long data = result.linesRead() - result.headers();
    double max = config.ingest().maxRejectFraction();
    if (data > 0 && result.rejected() > max * data) {
      Map<String, Long> reasons =
          result.counts().stream()
              .flatMap(c -> c.byReason().entrySet().stream())
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
      throw new IngestException(
          String.format(
              "%d of %d lines (%.2f%%) were rejected, more than ingest.max-reject-fraction = %s;"
                  + " nothing was written. Rejects by reason: %s. Fix the input at %s, or raise"
                  + " ingest.max-reject-fraction if these rejects are expected.",
              result.rejected(),
              data,
              100.0 * result.rejected() / data,
              max,
              reasons,
              config.input().path()));
    }
  }
}
