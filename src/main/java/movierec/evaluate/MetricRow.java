package movierec.evaluate;

import java.io.Serializable;

/** One row of the metrics table; {@code k} is null for metrics without a cut-off. */
public record MetricRow(String model, String metric, Integer k, double value)
    implements Serializable {}
