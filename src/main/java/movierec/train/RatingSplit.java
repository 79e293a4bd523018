package movierec.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Assigns every rating to train, validation or test.
 *
 * <p>random: a rating's draw is a seeded 64-bit hash of (user, movie) scaled to [0, 1), so the
 * assignment is the same for any partitioning and any run; draws below the test fraction go to
 * test, the next validation-fraction to validation. temporal: within each user's ratings ordered by
 * (timestamp, movie), the last test fraction go to test and the validation fraction before them to
 * validation (a user with few ratings may have none held out).
 */
public final class RatingSplit {
  private RatingSplit() {}

  public static Dataset<Row> assign(
      Dataset<Row> ratings, String method, double test, double validation, long seed) {
    Column position =
        method.equals("temporal")
            ? temporalPosition()
            : functions
                .xxhash64(lit(seed), col(TrainSchemas.USER_ID), col(TrainSchemas.MOVIE_ID))
                .bitwiseAND(lit((1L << 53) - 1))
                .cast("double")
                .divide(lit((double) (1L << 53)));
    Column split =
        method.equals("temporal")
            ? when(position.geq(lit(1 - test)), TrainSchemas.TEST)
                .when(position.geq(lit(1 - test - validation)), TrainSchemas.VALIDATION)
                .otherwise(TrainSchemas.TRAIN)
            : when(position.lt(lit(test)), TrainSchemas.TEST)
                .when(position.lt(lit(test + validation)), TrainSchemas.VALIDATION)
                .otherwise(TrainSchemas.TRAIN);
    return ratings.select(
        col(TrainSchemas.USER_ID),
        col(TrainSchemas.MOVIE_ID),
        col(TrainSchemas.RATING),
        col(TrainSchemas.RATED_AT),
        split.as(TrainSchemas.SPLIT));
  }

  /** (rank within the user's ratings, by time) / count, in [0, 1). */
  private static Column temporalPosition() {
    var byUser = Window.partitionBy(col(TrainSchemas.USER_ID));
    var ordered = byUser.orderBy(col(TrainSchemas.RATED_AT), col(TrainSchemas.MOVIE_ID));
    return functions
        .row_number()
        .over(ordered)
        .minus(1)
        .cast("double")
        .divide(functions.count(lit(1)).over(byUser));
  }
}
