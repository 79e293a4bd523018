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
import java.util.Set;
import movierec.catalog.CatalogConfig;
import movierec.catalog.MetastoreLock;
import movierec.catalog.TableCatalog;
import movierec.io.DeltaTables;
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
  public List<String> writes() {
    return List.of(stage);
  }

  @Override
  public void run(SparkSession spark) {
    Instant started = Instant.now();
    CatalogConfig catalog = config.catalog();
    if (catalog.enabled()
        && (!catalog.embedded() || MetastoreLock.tryHold(catalog.metastoreDir()))) {
      TableCatalog.prepare(spark, catalog.database());
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
    Optional<LocalDate> latest = RunManifest.markIfComplete(conf, wh, StageOrder.NAMES, runDate);
    if (latest.equals(Optional.of(runDate))) {
      LOG.info("Run {} is complete: every stage committed ({}/_runs/_LATEST)", runDate, wh);
      if (config.keepRuns() > 0) {
        List<LocalDate> deleted =
            RunManifest.prune(
                conf,
                wh,
                StageOrder.NAMES,
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

  /**
   * The tables of {@code candidates} that exist, registered by name (catalog.enabled), with those
   * an earlier job could not register. An embedded metastore that another job keeps open is waited
   * for; after catalog.metastore-wait the tables are left to the next job that opens it.
   */
  private void register(SparkSession spark, List<Table> candidates) {
    CatalogConfig catalog = config.catalog();
    if (!catalog.enabled()) {
      return;
    }
    String wh = config.warehousePath();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<Table> wanted = new ArrayList<>(candidates);
    if (catalog.embedded()) {
      String dir = catalog.metastoreDir();
      if (!MetastoreLock.hold(dir, catalog.metastoreWait())) {
        List<String> names = candidates.stream().map(Table::name).toList();
        MetastoreLock.addPending(dir, names);
        LOG.warn(
            "Tables {} are committed but not registered by name: the embedded metastore in {} is"
                + " still open in process {}; the next job that opens it registers them",
            names,
            dir,
            MetastoreLock.holder(dir));
        return;
      }
      Set<String> pending = MetastoreLock.pending(dir);
      WarehouseTables.ALL.stream()
          .filter(t -> pending.contains(t.name()) && !wanted.contains(t))
          .forEach(wanted::add);
    }
    List<Table> present = Tables.existing(conf, wh, wanted);
    TableCatalog.register(spark, catalog.database(), wh, present, config.warehouseFormat());
    if (catalog.embedded()) {
      MetastoreLock.clearPending(catalog.metastoreDir());
    }
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
