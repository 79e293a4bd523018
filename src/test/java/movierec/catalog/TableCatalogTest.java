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
import movierec.ingest.Lookups;
import movierec.io.Tables;
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
    TableCatalog.register(spark, DB, wh.toString(), List.of(Tables.AGE_GROUPS));
    assertEquals(7, count(spark, ""));
    assertEquals(
        "date",
        spark.table(DB + ".age_groups").schema().apply("run_date").dataType().simpleString());

    writePartition(spark, wh, "2026-01-02");
    TableCatalog.register(spark, DB, wh.toString(), List.of(Tables.AGE_GROUPS));
    assertEquals(14, count(spark, ""));
    assertEquals(7, count(spark, "where run_date = date'2026-01-02'"));

    deleteTree(wh.resolve("age_groups").resolve("run_date=2026-01-01"));
    TableCatalog.register(spark, DB, wh.toString(), List.of(Tables.AGE_GROUPS));
    assertEquals(1, spark.sql("show partitions " + DB + ".age_groups").count());
    assertEquals(7, count(spark, ""));

    Path moved = tmp.resolve("moved");
    writePartition(spark, moved, "2026-02-01");
    writePartition(spark, moved, "2026-02-02");
    TableCatalog.register(spark, DB, moved.toString(), List.of(Tables.AGE_GROUPS));
    assertEquals(14, count(spark, "where run_date >= date'2026-02-01'"), "the moved table");
    assertEquals(0, count(spark, "where run_date = date'2026-01-02'"));
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
                dir)));
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
