package movierec.jobs;

import java.time.LocalDate;
import movierec.ingest.Ingest;
import movierec.ingest.IngestGate;
import movierec.ingest.IngestTables;
import movierec.ingest.Lookups;
import movierec.ingest.MovieLensFormat;
import movierec.io.PartitionCommit;
import movierec.io.Preflight;
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
public record IngestJob(AppConfig config, LocalDate runDate) implements Job {
  public static final String NAME = "ingest";
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

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

    Ingest.Result result = Ingest.run(spark, format, dir, config.input().charset());
    try {
      IngestGate.log(result.counts(), LOG);
      IngestGate.check(result.counts(), config.ingest().maxRejectFraction(), config.input().path());
      try (PartitionCommit commit =
          new PartitionCommit(spark, config.warehousePath(), runDate, config.warehouseFormat())) {
        commit.stage(IngestTables.USERS, result.users());
        commit.stage(IngestTables.MOVIES, result.movies());
        commit.stage(IngestTables.RATINGS, result.ratings());
        commit.stage(IngestTables.REJECTS, result.rejects());
        commit.stage(IngestTables.AGE_GROUPS, Lookups.ageGroups(spark));
        commit.stage(IngestTables.OCCUPATIONS, Lookups.occupations(spark, format));
        commit.commit();
      }
      LOG.info(
          "Ingest wrote 6 tables to {} for {}: {} lines, {} rejected",
          config.warehousePath(),
          runDate,
          result.linesRead(),
          result.rejected());
    } finally {
      result.unpersist();
    }
  }
}
