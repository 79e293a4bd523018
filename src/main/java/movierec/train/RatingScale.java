package movierec.train;

import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The rating scale predictions are clipped to before they are scored: the lowest and highest rating
 * of the data (1 to 5 in whole stars on ML-1M; 0.5 to 5 in half stars on ML-10M and the CSV
 * releases), never a fixed [1, 5].
 */
public record RatingScale(double min, double max) implements Serializable {
  /** The scale of ratings (a rating column), in one aggregation. */
  public static RatingScale of(Dataset<Row> ratings) {
    Row r =
        ratings
            .agg(
                functions.min(TrainSchemas.RATING).cast("double"),
                functions.max(TrainSchemas.RATING).cast("double"))
            .first();
    if (r.isNullAt(0)) {
      throw new IllegalStateException("no ratings to take the rating scale from");
    }
    return new RatingScale(r.getDouble(0), r.getDouble(1));
  }

  public double clip(double prediction) {
    return Math.max(min, Math.min(max, prediction));
  }

  public Column clip(Column prediction) {
    return least(lit(max), greatest(lit(min), prediction));
  }
}
