package movierec.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import movierec.io.Table;
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

  /** Registers {@code tables} of the warehouse in {@code database}, creating the database. */
  public static void register(
      SparkSession spark, String database, String warehouse, List<Table> tables) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + quote(database));
    for (Table t : tables) {
      String name = quote(database) + "." + quote(t.name());
      String location = qualified(spark, Tables.table(warehouse, t));
      if (spark.catalog().tableExists(database, t.name()) && !current(spark, name, location, t)) {
        LOG.info("Table {}.{} moved or changed its columns: registering it again", database, t);
        spark.sql("DROP TABLE " + name);
      }
      spark.sql(
          "CREATE TABLE IF NOT EXISTS " + name + " USING parquet LOCATION " + literal(location));
      spark.sql("MSCK REPAIR TABLE " + name + " SYNC PARTITIONS");
    }
    LOG.info("Registered {} tables in database {}", tables.size(), database);
  }

  /** Whether the registered table has this location and the declared columns, then run_date. */
  private static boolean current(SparkSession spark, String name, String location, Table t) {
    String registered = null;
    for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
      if ("Location".equals(r.getString(0))) {
        registered = r.getString(1);
      }
    }
    StructType expected = t.schema().add(Tables.RUN_DATE, "date");
    return location.equals(registered)
        && columns(spark.table(name).schema()).equals(columns(expected));
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
