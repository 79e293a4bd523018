package movierec.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import movierec.SparkTestSupport;
import movierec.ingest.IngestTables;
import movierec.ingest.Lookups;
import movierec.io.TableFormat;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables registered by name follow the warehouse: new and deleted partitions, a moved table. */
class TableCatalogTest {
  private static final String DB = "catalog_test";
  @TempDir Path tmp;

  private static void writePartition(SparkSession spark, Path wh, String day) {
    Lookups.ageGroups(spark)
        .write()
        .parquet(wh.resolve("age_groups").resolve("run_date=" + day).toString());
  }

  private static long count(SparkSession spark, String where) {
    return spark.sql("select count(*) from " + DB + ".age_groups " + where).first().getLong(0);
  }

  @Test
  void registeredTablesFollowTheirPartitionsAndLocation() throws IOException {
    SparkSession spark = SparkTestSupport.spark();
    Path wh = tmp.resolve("warehouse");
    writePartition(spark, wh, "2026-01-01");
    TableCatalog.register(
        spark, DB, wh.toString(), List.of(IngestTables.AGE_GROUPS), TableFormat.PARQUET);
    assertEquals(7, count(spark, ""));
    assertEquals(
        "date",
        spark.table(DB + ".age_groups").schema().apply("run_date").dataType().simpleString());

    writePartition(spark, wh, "2026-01-02");
    TableCatalog.register(
        spark, DB, wh.toString(), List.of(IngestTables.AGE_GROUPS), TableFormat.PARQUET);
    assertEquals(14, count(spark, ""));
    assertEquals(7, count(spark, "where run_date = date'2026-01-02'"));

    deleteTree(wh.resolve("age_groups").resolve("run_date=2026-01-01"));
    TableCatalog.register(
        spark, DB, wh.toString(), List.of(IngestTables.AGE_GROUPS), TableFormat.PARQUET);
    assertEquals(1, spark.sql("show partitions " + DB + ".age_groups").count());
    assertEquals(7, count(spark, ""));

    Path moved = tmp.resolve("moved");
    writePartition(spark, moved, "2026-02-01");
    writePartition(spark, moved, "2026-02-02");
    TableCatalog.register(
        spark, DB, moved.toString(), List.of(IngestTables.AGE_GROUPS), TableFormat.PARQUET);
    assertEquals(14, count(spark, "where run_date >= date'2026-02-01'"), "the moved table");
    assertEquals(0, count(spark, "where run_date = date'2026-01-02'"));
  }

  @Test
  void aTableIsRegisteredAgainOnlyWhenItsColumnsChanged() {
    SparkSession spark = SparkTestSupport.spark();
    Path wh = tmp.resolve("columns");
    writePartition(spark, wh, "2026-03-01");
    String location = wh.resolve("age_groups").toUri().toString();
    spark.sql("CREATE DATABASE IF NOT EXISTS " + DB);
    spark.sql("DROP TABLE IF EXISTS " + DB + ".age_groups");
    spark.sql(
        "CREATE TABLE "
            + DB
            + ".age_groups (age_code int, run_date date) USING parquet PARTITIONED BY (run_date)"
            + " LOCATION '"
            + location
            + "'");
    spark.sql("ALTER TABLE " + DB + ".age_groups SET TBLPROPERTIES ('marker' = 'old')");

    TableCatalog.register(
        spark, DB, wh.toString(), List.of(IngestTables.AGE_GROUPS), TableFormat.PARQUET);
    assertEquals(
        IngestTables.AGE_GROUPS.schema().add("run_date", "date").simpleString(),
        spark.table(DB + ".age_groups").schema().simpleString(),
        "a table registered with other columns is registered again with the declared ones");
    assertEquals(0, markers(spark), "registered again, so the old properties are gone");

    spark.sql("ALTER TABLE " + DB + ".age_groups SET TBLPROPERTIES ('marker' = 'kept')");
    TableCatalog.register(
        spark, DB, wh.toString(), List.of(IngestTables.AGE_GROUPS), TableFormat.PARQUET);
    assertEquals(1, markers(spark), "an unchanged table is left as it is");
    assertEquals(7, count(spark, ""));
  }

  private static long markers(SparkSession spark) {
    return spark.sql("SHOW TBLPROPERTIES " + DB + ".age_groups").where("key = 'marker'").count();
  }

  private static CatalogConfig embedded(String database, String dir) {
    return CatalogConfig.from(
        ConfigFactory.parseMap(
            Map.of(
                "catalog.enabled",
                true,
                "catalog.database",
                database,
                "catalog.metastore",
                "embedded",
                "catalog.metastore-dir",
                dir,
                "catalog.metastore-wait",
                "2m")));
  }

  @Test
  void anEmbeddedMetastoreNeedsALocalDirectoryAndADatabaseName() {
    assertEquals(
        "/tmp/wh/_metastore", embedded("movierec", "file:///tmp/wh/_metastore").metastoreDir());
    ConfigException.BadValue remote =
        assertThrows(
            ConfigException.BadValue.class,
            () -> embedded("movierec", "hdfs://nn:8020/wh/_metastore"));
    assertTrue(remote.getMessage().contains("catalog.metastore = hive"), remote.getMessage());
    ConfigException.BadValue name =
        assertThrows(ConfigException.BadValue.class, () -> embedded("Movie-Rec", "/tmp/x"));
    assertTrue(name.getMessage().contains("catalog.database"), name.getMessage());
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
