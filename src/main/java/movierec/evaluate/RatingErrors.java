package movierec.evaluate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import movierec.ranking.MetricRow;
import movierec.train.ModelNames;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rating predictors' errors, as the train job measured them on the same split ({@code
 * model_metrics}, selected models only; ALS under the name als).
 */
public final class RatingErrors {
  private RatingErrors() {}

  /** Test RMSE and MAE. */
  public static List<MetricRow> test(Dataset<Row> modelMetrics) {
    List<MetricRow> out = new ArrayList<>();
    for (Row r : selected(modelMetrics, TrainSchemas.RMSE, TrainSchemas.MAE)) {
      String model = ModelNames.of(r.getString(0));
      out.add(new MetricRow(model, "rmse", null, r.getDouble(1)));
      out.add(new MetricRow(model, "mae", null, r.getDouble(2)));
    }
    return out;
  }

  /** Validation RMSE. */
  public static List<MetricRow> validation(Dataset<Row> modelMetrics) {
    List<MetricRow> out = new ArrayList<>();
    for (Row r : selected(modelMetrics, TrainSchemas.VALIDATION_RMSE)) {
      out.add(new MetricRow(ModelNames.of(r.getString(0)), "rmse", null, r.getDouble(1)));
    }
    return out;
  }

  private static List<Row> selected(Dataset<Row> modelMetrics, String... columns) {
    List<String> cols = new ArrayList<>(List.of(TrainSchemas.MODEL));
    cols.addAll(List.of(columns));
    return modelMetrics
        .filter(col(TrainSchemas.SELECTED))
        .selectExpr(cols.toArray(String[]::new))
        .collectAsList();
  }
}
