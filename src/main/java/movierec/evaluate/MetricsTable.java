package movierec.evaluate;

import java.util.ArrayList;
import java.util.List;
import movierec.ranking.MetricRow;
import movierec.ranking.MetricSchemas;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Row;

/**
 * The rows of the {@code metrics} table ({@link MetricSchemas#METRICS}): what recommend chose the
 * served model by, then the validation and test figures, then the figures of the lists themselves.
 */
public final class MetricsTable {
  private static final int SERVED_FIELD = 5;

  private MetricsTable() {}

  /** The model {@code model_selection}'s rows mark as served ("" when none is). */
  public static String served(List<Row> selection) {
    return selection.stream()
        .filter(r -> r.getBoolean(SERVED_FIELD))
        .map(r -> r.getString(0))
        .findFirst()
        .orElse("");
  }

  /**
   * {@code selection} (recommend's validation rows, as written), the rating predictors' validation
   * errors, every test figure (the served model's marked) and the lists' own figures (no split).
   */
  public static List<Row> rows(
      List<Row> selection,
      List<MetricRow> validationErrors,
      List<MetricRow> test,
      List<MetricRow> lists,
      String served) {
    List<Row> rows = new ArrayList<>(selection);
    validationErrors.forEach(m -> rows.add(m.toRow(TrainSchemas.VALIDATION, false)));
    test.forEach(m -> rows.add(m.toRow(TrainSchemas.TEST, m.model().equals(served))));
    lists.forEach(m -> rows.add(m.toRow(null, false)));
    return rows;
  }
}
