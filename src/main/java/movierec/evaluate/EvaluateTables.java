package movierec.evaluate;

import java.util.List;
import movierec.io.Table;
import movierec.ranking.MetricSchemas;

/** The table the evaluate stage writes, and the directory of its HTML reports. */
public final class EvaluateTables {
  public static final String STAGE = "evaluate";

  public static final Table METRICS = new Table("metrics", MetricSchemas.METRICS, STAGE);

  public static final List<Table> ALL = List.of(METRICS);

  /** The HTML report: {@code reports/<run date>/index.html} and its charts. */
  public static final String REPORTS = "reports";

  private EvaluateTables() {}
}
