package movierec.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import movierec.SparkTestSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class HeavyCapTest {
  private static final StructType ROWS =
      new StructType()
          .add("user", DataTypes.IntegerType, false)
          .add("movie", DataTypes.IntegerType, false);

  /** User 1 rated 20 movies, user 2 two, user 3 three. */
  private static Dataset<Row> rows(SparkSession spark, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int m = 0; m < 20; m++) {
      rows.add(RowFactory.create(1, m));
    }
    rows.add(RowFactory.create(2, 5));
    rows.add(RowFactory.create(2, 6));
    for (int m = 7; m < 10; m++) {
      rows.add(RowFactory.create(3, m));
    }
    return spark.createDataFrame(rows, ROWS).repartition(partitions);
  }

  private static Map<Integer, Set<Integer>> byUser(Dataset<Row> d) {
    Map<Integer, Set<Integer>> out = new TreeMap<>();
    for (Row r : d.collectAsList()) {
      out.computeIfAbsent(r.getInt(0), k -> new HashSet<>()).add(r.getInt(1));
    }
    return out;
  }

  @Test
  void aHeavyGroupKeepsCapRowsOfItsOwnAndLightGroupsKeepAll() {
    SparkSession spark = SparkTestSupport.spark();
    Map<Integer, Set<Integer>> all = byUser(rows(spark, 1));
    Map<Integer, Set<Integer>> capped =
        byUser(HeavyCap.sample(rows(spark, 1), "user", "movie", 3, 7));
    assertEquals(3, capped.get(1).size());
    assertTrue(all.get(1).containsAll(capped.get(1)), "a sample of the user's own rows");
    assertEquals(all.get(2), capped.get(2), "two rows, under the cap: all kept");
    assertEquals(all.get(3), capped.get(3), "three rows, at the cap: all kept");
    assertEquals(all, byUser(HeavyCap.sample(rows(spark, 1), "user", "movie", 0, 7)), "0 = no cap");
  }

  @Test
  void theSampleDependsOnTheSeedAndNotOnThePartitioning() {
    SparkSession spark = SparkTestSupport.spark();
    Map<Integer, Set<Integer>> one = byUser(HeavyCap.sample(rows(spark, 1), "user", "movie", 3, 7));
    Map<Integer, Set<Integer>> four =
        byUser(HeavyCap.sample(rows(spark, 4), "user", "movie", 3, 7));
    assertEquals(one, four);
    Map<Integer, Set<Integer>> other =
        byUser(HeavyCap.sample(rows(spark, 4), "user", "movie", 3, 8));
    assertNotEquals(one.get(1), other.get(1), "another seed, another sample of 3 in 20");
  }
}
