package movierec.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;

import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * user_top_movies: every user with a vector (cold-start users too) gets the n movies they have not
 * rated with the highest predicted rating, scored in vector blocks ({@link BlockedTopN}).
 */
public final class UserTopMovies {
  private UserTopMovies() {}

  /**
   * @param userVectors one model's rows of user_vectors (id, vector, bias)
   * @param movieVectors the same model's rows of movie_vectors
   * @param ratings user_id, movie_id of every rating (the movies each user is not offered)
   * @param meanShift the model's constant term (its global mean when it has biases, else 0)
   */
  public static Dataset<Row> compute(
      SparkSession spark,
      Dataset<Row> userVectors,
      Dataset<Row> movieVectors,
      Dataset<Row> ratings,
      double meanShift,
      String model,
      int n,
      BlockedTopN.Blocks blocks) {
    return lists(
        BlockedTopN.topN(
            spark, users(userVectors, ratings, meanShift), movies(movieVectors), n, blocks, false),
        model);
  }

  /**
   * The lists of {@link #compute} and each movie's {@code fans} users with the highest dot product
   * (also_liked's tutorial method), from one scoring pass; unpersist {@code persisted} once both
   * are written.
   */
  public record WithFans(Dataset<Row> lists, Dataset<Row> fans, Dataset<Row> persisted) {}

  public static WithFans withFans(
      SparkSession spark,
      Dataset<Row> userVectors,
      Dataset<Row> movieVectors,
      Dataset<Row> ratings,
      double meanShift,
      String model,
      int n,
      int fans,
      BlockedTopN.Blocks blocks) {
    BlockedTopN.BothWays both =
        BlockedTopN.topNBothWays(
            spark, users(userVectors, ratings, meanShift), movies(movieVectors), n, fans, blocks);
    Dataset<Row> fanRows =
        both.right()
            .select(
                col(BlockedTopN.RIGHT_ID).as(RecommendSchemas.MOVIE_ID),
                col(BlockedTopN.LEFT_ID).as(RecommendSchemas.USER_ID));
    return new WithFans(lists(both.left(), model), fanRows, both.all());
  }

  /** Every user with a vector, its bias plus the model's mean as shift, its rated movies. */
  private static Dataset<Row> users(
      Dataset<Row> userVectors, Dataset<Row> ratings, double meanShift) {
    Dataset<Row> seen =
        ratings
            .groupBy(col(TrainSchemas.USER_ID).as(BlockedTopN.ID))
            .agg(collect_list(TrainSchemas.MOVIE_ID).as(BlockedTopN.EXCLUDE));
    return userVectors
        .join(seen, userVectors.col(TrainSchemas.USER_ID).equalTo(seen.col(BlockedTopN.ID)), "left")
        .select(
            userVectors.col(TrainSchemas.USER_ID).as(BlockedTopN.ID),
            col(TrainSchemas.VECTOR).as(BlockedTopN.VECTOR),
            col(TrainSchemas.BIAS).cast("double").plus(lit(meanShift)).as(BlockedTopN.SHIFT),
            col(BlockedTopN.EXCLUDE));
  }

  private static Dataset<Row> movies(Dataset<Row> movieVectors) {
    return movieVectors.select(
        col(TrainSchemas.MOVIE_ID).as(BlockedTopN.ID),
        col(TrainSchemas.VECTOR).as(BlockedTopN.VECTOR),
        col(TrainSchemas.BIAS).cast("double").as(BlockedTopN.SHIFT));
  }

  private static Dataset<Row> lists(Dataset<Row> top, String model) {
    return top.select(
        col(BlockedTopN.LEFT_ID).as(RecommendSchemas.USER_ID),
        col(RecommendSchemas.RANK),
        col(BlockedTopN.RIGHT_ID).as(RecommendSchemas.MOVIE_ID),
        col(RecommendSchemas.SCORE),
        lit(model).as(RecommendSchemas.MODEL));
  }
}
