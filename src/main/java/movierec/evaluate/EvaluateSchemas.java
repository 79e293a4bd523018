package movierec.evaluate;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of the metrics table (run_date is the partition column). */
public final class EvaluateSchemas {
  public static final String MODEL = "model";
  public static final String METRIC = "metric";
  public static final String K = "k";
  public static final String VALUE = "value";

  /** model, metric, k (null for metrics without a cut-off), value. */
  public static final StructType METRICS =
      new StructType()
          .add(MODEL, DataTypes.StringType, false)
          .add(METRIC, DataTypes.StringType, false)
          .add(K, DataTypes.IntegerType, true)
          .add(VALUE, DataTypes.DoubleType, false);

  private EvaluateSchemas() {}
}
