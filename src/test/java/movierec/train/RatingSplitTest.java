package movierec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import movierec.SparkTestSupport;
import movierec.ingest.IngestSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class RatingSplitTest {
  private static final SparkSession SPARK = SparkTestSupport.spark();

  /** 200 users x 50 movies, timestamps increasing with the movie id. */
  private static Dataset<Row> ratings(int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int u = 1; u <= 200; u++) {
      for (int m = 1; m <= 50; m++) {
        rows.add(
            RowFactory.create(
                u, m, (double) (1 + (u + m) % 5), new java.sql.Timestamp(1_000_000L * m)));
      }
    }
    return SPARK.createDataFrame(rows, IngestSchemas.RATINGS).repartition(partitions);
  }

  private static Map<String, String> assignment(Dataset<Row> split) {
    return split.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getInt(0) + "/" + r.getInt(1), r -> r.getString(4)));
  }

  @Test
  void randomSplitHasTheFractionsAndIgnoresPartitioning() {
    Map<String, String> one = assignment(RatingSplit.assign(ratings(1), "random", 0.1, 0.05, 7));
    assertEquals(one, assignment(RatingSplit.assign(ratings(5), "random", 0.1, 0.05, 7)));
    assertEquals(10_000, one.size());
    long test = one.values().stream().filter("test"::equals).count();
    long val = one.values().stream().filter("validation"::equals).count();
    assertEquals(1000, test, 100);
    assertEquals(500, val, 70);
    assertTrue(
        !one.equals(assignment(RatingSplit.assign(ratings(1), "random", 0.1, 0.05, 8))),
        "another seed, another split");
  }

  @Test
  void temporalSplitHoldsOutEachUsersLatestRatings() {
    Map<String, String> s = assignment(RatingSplit.assign(ratings(3), "temporal", 0.1, 0.1, 7));
    for (int u = 1; u <= 200; u++) {
      for (int m = 1; m <= 50; m++) {
        String expected = m > 45 ? "test" : m > 40 ? "validation" : "train";
        assertEquals(expected, s.get(u + "/" + m), "user " + u + " movie " + m);
      }
    }
  }
}
