package movierec.ranking;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of the metrics table (run_date is the partition column). */
public final class MetricSchemas {
  public static final String MODEL = "model";
  public static final String METRIC = "metric";
  public static final String K = "k";
  public static final String VALUE = "value";
  public static final String SPLIT = "split";
  public static final String SERVED = "served";
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";

  /**
   * model, metric, k (null for metrics without a cut-off), value, split (validation or test; null
   * for figures of the lists themselves, not of a split) and served (the model is the one
   * user_top_movies serves). The metrics table and recommend's model_selection (its validation
   * rows) share it. ci_low and ci_high bound the value's 95% bootstrap interval over users (NDCG
   * and recall, and their differences against EASE); null for the other figures.
   */
  public static final StructType METRICS =
      new StructType()
          .add(MODEL, DataTypes.StringType, false)
          .add(METRIC, DataTypes.StringType, false)
          .add(K, DataTypes.IntegerType, true)
          .add(VALUE, DataTypes.DoubleType, false)
          .add(SPLIT, DataTypes.StringType, true)
          .add(SERVED, DataTypes.BooleanType, false)
          .add(CI_LOW, DataTypes.DoubleType, true)
          .add(CI_HIGH, DataTypes.DoubleType, true);

  private MetricSchemas() {}
}
