package movierec.ranking;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the metrics table; {@code k} is null for metrics without a cut-off, {@code ciLow} and
 * {@code ciHigh} the bounds of its 95% bootstrap interval over users, null when it has none.
 */
public record MetricRow(
    String model, String metric, Integer k, double value, Double ciLow, Double ciHigh)
    implements Serializable {
  public MetricRow(String model, String metric, Integer k, double value) {
    this(model, metric, k, value, null, null);
  }

  /** This figure with the interval {@code i}. */
  public MetricRow with(Bootstrap.Interval i) {
    return new MetricRow(model, metric, k, value, i.low(), i.high());
  }

  /** A row of {@link MetricSchemas#METRICS}: this figure on {@code split}. */
  public Row toRow(String split, boolean served) {
    return RowFactory.create(model, metric, k, value, split, served, ciLow, ciHigh);
  }

  /** The figure of a row of {@link MetricSchemas#METRICS} (split and served dropped). */
  public static MetricRow of(Row r) {
    boolean ci = r.size() > CI_LOW_FIELD && !r.isNullAt(CI_LOW_FIELD);
    return new MetricRow(
        r.getString(0),
        r.getString(1),
        r.isNullAt(2) ? null : r.getInt(2),
        r.getDouble(3),
        ci ? r.getDouble(CI_LOW_FIELD) : null,
        ci ? r.getDouble(CI_LOW_FIELD + 1) : null);
  }

  private static final int CI_LOW_FIELD = 6;
}
