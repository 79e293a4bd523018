package movierec.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import movierec.io.Table;
import movierec.io.TableFormat;
import movierec.io.Tables;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers warehouse tables in the session's catalog as external Parquet tables partitioned by
 * {@code run_date}, so SQL can name them ({@code select * from movierec.user_top_movies}). The
 * files stay where the jobs wrote them: a registration is metadata only, and dropping the table
 * leaves the data. Registering again is cheap and idempotent: the table is created when missing,
 * recreated when its location or columns changed (a moved warehouse, a new movierec version), and
 * its partitions are synced with the run_date directories on storage (added and removed).
 */
public final class TableCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(TableCatalog.class);

  private TableCatalog() {}

  /**
   * Opens the metastore and creates {@code database} on a background thread, so the metastore's
   * start (several seconds for an embedded one) overlaps the stage's work instead of following its
   * commit. A failure here is only logged: {@link #register} meets it again and reports it.
   */
  public static CompletableFuture<Void> prepare(SparkSession spark, String database) {
    return CompletableFuture.runAsync(
            () -> createDatabase(spark, database),
            runnable -> {
              Thread t = new Thread(runnable, "catalog-prepare");
              t.setDaemon(true);
              t.start();
            })
        .exceptionally(
            e -> {
              LOG.debug("Preparing the catalog failed; registration will retry", e);
              return null;
            });
  }

  /**
   * Registers {@code tables} of the warehouse, stored in {@code format}, in {@code database},
   * creating the database. A Delta table's partitions are in its log, so only Parquet tables have
   * theirs synced.
   */
  public static void register(
      SparkSession spark,
      String database,
      String warehouse,
      List<Table> tables,
      TableFormat format) {
    createDatabase(spark, database);
    for (Table t : tables) {
      String name = quote(database) + "." + quote(t.name());
      String location = qualified(spark, Tables.table(warehouse, t));
      if (spark.catalog().tableExists(database, t.name())
          && !current(spark, name, location, format, t)) {
        LOG.info(
            "Table {}.{} moved, changed its columns or its format: registering it again",
            database,
            t);
        spark.sql("DROP TABLE " + name);
      }
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + name
              + " USING "
              + format.sourceName()
              + " LOCATION "
              + literal(location));
      if (format == TableFormat.PARQUET) {
        spark.sql("MSCK REPAIR TABLE " + name + " SYNC PARTITIONS");
      }
    }
    LOG.info("Registered {} tables in database {}", tables.size(), database);
  }

  /**
   * Checked before creating, because the Hive metastore logs a stack trace at ERROR for {@code
   * CREATE DATABASE IF NOT EXISTS} on a database that exists.
   */
  private static void createDatabase(SparkSession spark, String database) {
    if (!spark.catalog().databaseExists(database)) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + quote(database));
    }
  }

  /**
   * Whether the registered table has this location and the declared columns, then run_date: one
   * DESCRIBE, whose rows are the columns, a blank or {@code #} row, then the table's properties.
   */
  private static boolean current(
      SparkSession spark, String name, String location, TableFormat format, Table t) {
    StringBuilder registered = new StringBuilder();
    String registeredLocation = null;
    String provider = null;
    boolean inColumns = true;
    for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
      String key = r.getString(0);
      if (key == null || key.isBlank() || key.startsWith("#")) {
        inColumns = false;
      } else if (inColumns) {
        registered.append(key).append(' ').append(r.getString(1)).append(',');
      } else if ("Location".equals(key)) {
        registeredLocation = r.getString(1);
      } else if ("Provider".equals(key)) {
        provider = r.getString(1);
      }
    }
    return location.equals(registeredLocation)
        && format.sourceName().equalsIgnoreCase(provider)
        && registered.toString().equals(columns(t.schema().add(Tables.RUN_DATE, "date")));
  }

  private static String columns(StructType s) {
    StringBuilder b = new StringBuilder();
    for (StructField f : s.fields()) {
      b.append(f.name()).append(' ').append(f.dataType().simpleString()).append(',');
    }
    return b.toString();
  }

  private static String qualified(SparkSession spark, Path p) {
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration())
          .makeQualified(p)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve the file system of " + p, e);
    }
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
