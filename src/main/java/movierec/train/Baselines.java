package movierec.train;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The non-learned baselines as pure Dataset transforms: the global mean, and the user + movie bias
 * model {@code r = mu + b_u + b_i} fitted by alternating regularised means (Koren 2010, section
 * 2.1): {@code b_i = sum(r - mu - b_u) / (lambda + n_i)}, then {@code b_u} likewise, repeated.
 */
public final class Baselines {
  public static final String PREDICTION = "prediction";
  static final String USER_BIAS = "user_bias";
  public static final String MOVIE_BIAS = "movie_bias";

  private Baselines() {}

  /** The mean training rating. */
  public static double globalMean(Dataset<Row> train) {
    return train.agg(avg(col(TrainSchemas.RATING))).first().getDouble(0);
  }

  /** The fitted biases: (user_id, user_bias) and (movie_id, movie_bias). */
  public record Biases(double mean, RatingScale scale, Dataset<Row> users, Dataset<Row> movies) {
    /** Adds a clipped {@link #PREDICTION}; unknown users or movies get a zero bias. */
    public Dataset<Row> predict(Dataset<Row> ratings) {
      Column p =
          lit(mean)
              .plus(coalesce(col(USER_BIAS), lit(0.0)))
              .plus(coalesce(col(MOVIE_BIAS), lit(0.0)));
      return ratings
          .join(users, new String[] {TrainSchemas.USER_ID}, "left")
          .join(movies, new String[] {TrainSchemas.MOVIE_ID}, "left")
          .withColumn(PREDICTION, scale.clip(p));
    }
  }

  public static Biases fitBiases(Dataset<Row> train, double lambda, int iterations) {
    double mu = globalMean(train);
    RatingScale scale = RatingScale.of(train);
    Dataset<Row> ratings =
        train.select(
            col(TrainSchemas.USER_ID), col(TrainSchemas.MOVIE_ID), col(TrainSchemas.RATING));
    Dataset<Row> users =
        ratings.select(col(TrainSchemas.USER_ID)).distinct().withColumn(USER_BIAS, lit(0.0));
    Dataset<Row> movies = null;
    for (int i = 0; i < iterations; i++) {
      movies = sweep(ratings, users, mu, lambda, TrainSchemas.USER_ID, USER_BIAS, MOVIE_BIAS);
      users = sweep(ratings, movies, mu, lambda, TrainSchemas.MOVIE_ID, MOVIE_BIAS, USER_BIAS);
    }
    return new Biases(mu, scale, users, movies);
  }

  /**
   * One half-sweep: each entity's regularised mean residual given the other side's biases ({@code
   * other}, keyed by {@code otherKey}); the result is cut from its lineage.
   */
  private static Dataset<Row> sweep(
      Dataset<Row> ratings,
      Dataset<Row> other,
      double mu,
      double lambda,
      String otherKey,
      String otherBias,
      String bias) {
    String key =
        otherKey.equals(TrainSchemas.USER_ID) ? TrainSchemas.MOVIE_ID : TrainSchemas.USER_ID;
    return ratings
        .join(other, otherKey)
        .groupBy(key)
        .agg(
            sum(col(TrainSchemas.RATING).minus(lit(mu)).minus(col(otherBias)))
                .divide(count(lit(1)).plus(lit(lambda)))
                .as(bias))
        .localCheckpoint();
  }

  /** (rmse, mae) of {@link #PREDICTION} against the rating. */
  public static double[] errors(Dataset<Row> predicted) {
    Column err = col(PREDICTION).minus(col(TrainSchemas.RATING));
    Row r = predicted.agg(sqrt(avg(pow(err, 2))), avg(abs(err))).first();
    return new double[] {r.getDouble(0), r.getDouble(1)};
  }
}
