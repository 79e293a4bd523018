package movierec.evaluate;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** One row of the metrics table; {@code k} is null for metrics without a cut-off. */
public record MetricRow(String model, String metric, Integer k, double value)
    implements Serializable {
  /** A row of {@link EvaluateSchemas#METRICS}: this figure on {@code split}. */
  public Row toRow(String split, boolean served) {
    return RowFactory.create(model, metric, k, value, split, served);
  }

  /** The figure of a row of {@link EvaluateSchemas#METRICS} (split and served dropped). */
  public static MetricRow of(Row r) {
    return new MetricRow(
        r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getInt(2), r.getDouble(3));
  }
}
