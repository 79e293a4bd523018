package movierec.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import movierec.SparkTestSupport;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The whole ranking evaluation on a split built by hand: the figures below were worked out on
 * paper, and MLlib's RankingMetrics computes the same from the same lists.
 */
class RankingEvaluationTest {
  private static final SparkSession SPARK = SparkTestSupport.spark();
  private static final StructType PAIRS =
      new StructType()
          .add("user_id", DataTypes.IntegerType)
          .add("movie_id", DataTypes.IntegerType)
          .add("rating", DataTypes.DoubleType);

  private static Dataset<Row> rows(Object[]... r) {
    return SPARK.createDataFrame(
        java.util.Arrays.stream(r).map(RowFactory::create).toList(), PAIRS);
  }

  @Test
  void aHandBuiltSplitGivesTheFiguresWorkedOutByHandAndMllibAgrees() {
    // Five movies; the model ranks them 10 > 20 > 30 > 40 > 50 for everyone.
    Catalog catalog = new Catalog(new int[] {10, 20, 30, 40, 50}, new long[5]);
    ItemScorer fixed = new ItemScorer.Static("fixed", new float[] {5, 4, 3, 2, 1});
    // User 1 saw 10; user 2 saw 20 and 30; user 3 saw nothing; user 4 has no relevant item.
    Dataset<Row> history =
        rows(new Object[] {1, 10, 5.0}, new Object[] {2, 20, 3.0}, new Object[] {2, 30, 4.0});
    Dataset<Row> heldOut =
        rows(
            new Object[] {1, 20, 5.0},
            new Object[] {1, 40, 4.0},
            new Object[] {1, 50, 2.0},
            new Object[] {2, 10, 3.0},
            new Object[] {2, 50, 5.0},
            new Object[] {3, 10, 4.0},
            new Object[] {4, 30, 1.0});
    RankingEvaluation.Result r =
        RankingEvaluation.run(
            SPARK,
            history.select("user_id", "movie_id"),
            heldOut,
            List.of(),
            new RankingEvaluation.Context(catalog, new long[5], 3, List.of(fixed)),
            List.of(2),
            List.of(),
            4.0,
            null);
    Map<String, Double> at2 = new HashMap<>();
    r.rows().stream().filter(m -> m.k() != null).forEach(m -> at2.put(m.metric(), m.value()));
    // Lists @2: user 1 [20, 30] (relevant 20, 40), user 2 [10, 40] (relevant 50), user 3
    // [10, 20] (relevant 10).
    double ndcg1 = 1 / (1 + 1 / (Math.log(3) / Math.log(2)));
    assertEquals(3, r.evaluated());
    assertEquals(1, r.excluded(), "user 4 has no rating of 4 or more");
    assertEquals((0.5 + 0 + 0.5) / 3, at2.get("precision"), 1e-12);
    assertEquals((0.5 + 0 + 1) / 3, at2.get("recall"), 1e-12);
    assertEquals((ndcg1 + 0 + 1) / 3, at2.get("ndcg"), 1e-12);
    assertEquals((0.5 + 0 + 1) / 3, at2.get("map"), 1e-12);
    assertEquals(2 / 3.0, at2.get("hit_rate"), 1e-12);

    // MLlib on the same full lists (every movie outside the history, best first).
    List<Tuple2<Object, Object>> lists =
        List.of(
            new Tuple2<>(new Integer[] {20, 30, 40, 50}, new Integer[] {20, 40}),
            new Tuple2<>(new Integer[] {10, 40, 50}, new Integer[] {50}),
            new Tuple2<>(new Integer[] {10, 20, 30, 40, 50}, new Integer[] {10}));
    var mllib =
        new org.apache.spark.mllib.evaluation.RankingMetrics<>(
            JavaSparkContext.fromSparkContext(SPARK.sparkContext()).parallelize(lists, 1).rdd(),
            scala.reflect.ClassTag$.MODULE$.apply(Integer.class));
    assertEquals(mllib.precisionAt(2), at2.get("precision"), 1e-12);
    assertEquals(mllib.recallAt(2), at2.get("recall"), 1e-12);
    assertEquals(mllib.ndcgAt(2), at2.get("ndcg"), 1e-12);
    assertEquals(mllib.meanAveragePrecisionAt(2), at2.get("map"), 1e-12);
  }
}
