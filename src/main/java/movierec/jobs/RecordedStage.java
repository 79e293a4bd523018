package movierec.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import movierec.catalog.TableCatalog;
import movierec.config.AppConfig;
import movierec.io.DeltaTables;
import movierec.io.HadoopFiles;
import movierec.io.RunManifest;
import movierec.io.Table;
import movierec.io.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline stage, and what happens after it commits, whether it runs alone (an Airflow task) or
 * inside {@code pipeline}: its manifest, the run's completion mark once every stage has committed
 * for the date, and, with {@code warehouse.keep-runs}, older runs deleted.
 */
final class RecordedStage implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(RecordedStage.class);

  private final String stage;
  private final Job job;
  private final AppConfig config;
  private final LocalDate runDate;

  RecordedStage(String stage, Job job, AppConfig config, LocalDate runDate) {
    this.stage = stage;
    this.job = job;
    this.config = config;
    this.runDate = runDate;
  }

  @Override
  public void preflight(Configuration hadoopConf) {
    job.preflight(hadoopConf);
  }

  @Override
  public List<Table> inputs() {
    return job.inputs();
  }

  @Override
  public void run(SparkSession spark) {
    Instant started = Instant.now();
    if (config.catalog().enabled()) {
      TableCatalog.prepare(spark, config.catalog().database());
    }
    job.run(spark);
    afterCommit(spark, started);
  }

  private void afterCommit(SparkSession spark, Instant started) {
    String wh = config.warehousePath();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<RunManifest.TableRows> rows = new ArrayList<>();
    for (Table t : WarehouseTables.ALL) {
      if (t.writtenBy().equals(stage)) {
        Tables.rowsWritten(spark, wh, t, runDate)
            .ifPresent(n -> rows.add(new RunManifest.TableRows(t.name(), n)));
      }
    }
    RunManifest.write(conf, wh, stage, runDate, rows, settingsHash(config), started, Instant.now());
    register(spark, WarehouseTables.ALL.stream().filter(t -> t.writtenBy().equals(stage)).toList());
    Optional<LocalDate> latest =
        RunManifest.markIfComplete(conf, wh, JobRegistry.PIPELINE_STAGES, runDate);
    if (latest.equals(Optional.of(runDate))) {
      LOG.info("Run {} is complete: every stage committed ({}/_runs/_LATEST)", runDate, wh);
      if (config.keepRuns() > 0) {
        List<LocalDate> deleted =
            RunManifest.prune(
                conf,
                wh,
                JobRegistry.PIPELINE_STAGES,
                config.keepRuns(),
                (table, oldestKept) -> DeltaTables.deleteBefore(spark, table, oldestKept));
        if (!deleted.isEmpty()) {
          LOG.info(
              "warehouse.keep-runs = {}: deleted the partitions of {}", config.keepRuns(), deleted);
          register(spark, WarehouseTables.ALL);
        }
      }
    }
  }

  /** The tables of {@code candidates} that exist, registered by name (catalog.enabled). */
  private void register(SparkSession spark, List<Table> candidates) {
    if (!config.catalog().enabled()) {
      return;
    }
    String wh = config.warehousePath();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<Table> present =
        candidates.stream().filter(t -> HadoopFiles.exists(Tables.table(wh, t), conf)).toList();
    TableCatalog.register(
        spark, config.catalog().database(), wh, present, config.warehouseFormat());
  }

  /** SHA-256 of the effective settings (the validated config as printed at start-up). */
  static String settingsHash(AppConfig config) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(config.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
