package movierec.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import movierec.SparkTestSupport;
import movierec.ranking.MetricRow;
import movierec.recommend.RecommendSchemas;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class HeldOutSimilarTest {
  private static Row rating(int user, int movie, double rating, String split) {
    return RowFactory.create(user, movie, rating, null, split);
  }

  private static Row listed(int movie, String method, int rank, int neighbour) {
    return RowFactory.create(movie, method, rank, neighbour, 1.0 / rank);
  }

  /**
   * User 1 liked movie 1 in training (and rated 3 in validation); user 2 liked 4. Method a lists 3,
   * 4, 6 for movie 1 and 1, 5 for movie 4; method b lists 5 for movie 1. At k = 2: a offers user 1
   * movie 4 (3 was rated in validation) and user 2 movies 1 and 5: two of the three were liked in
   * test, which holds two likes in all. b offers user 1 movie 5, rated 2 in test.
   */
  @Test
  void precisionAndRecallOfTheListsOfLikedTrainingMoviesOnTestLikes() {
    SparkSession spark = SparkTestSupport.spark();
    Dataset<Row> split =
        spark.createDataFrame(
            List.of(
                rating(1, 1, 5, TrainSchemas.TRAIN),
                rating(1, 2, 3, TrainSchemas.TRAIN),
                rating(1, 3, 4, TrainSchemas.VALIDATION),
                rating(1, 4, 5, TrainSchemas.TEST),
                rating(1, 5, 2, TrainSchemas.TEST),
                rating(2, 4, 4, TrainSchemas.TRAIN),
                rating(2, 1, 5, TrainSchemas.TEST)),
            TrainSchemas.RATINGS_SPLIT);
    Dataset<Row> lists =
        spark.createDataFrame(
            List.of(
                listed(1, "a", 1, 3),
                listed(1, "a", 2, 4),
                listed(1, "a", 3, 6),
                listed(4, "a", 1, 1),
                listed(4, "a", 2, 5),
                listed(1, "b", 1, 5),
                listed(2, "b", 1, 4)),
            RecommendSchemas.SIMILAR_MOVIES);
    Map<String, Double> got = new HashMap<>();
    for (MetricRow m : HeldOutSimilar.compute(lists, split, 4.0, 2)) {
      assertEquals(2, m.k());
      got.put(m.model() + " " + m.metric(), m.value());
    }
    assertEquals(
        Map.of(
            "similar_movies/a held_out_precision", 2.0 / 3,
            "similar_movies/a held_out_recall", 1.0,
            "similar_movies/b held_out_precision", 0.0,
            "similar_movies/b held_out_recall", 0.0),
        got);
  }
}
