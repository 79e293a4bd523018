package movierec.train;

import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.io.Json;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows of {@link TrainSchemas#MODEL_METRICS}: the baselines fitted and scored on the prepared
 * split, and the log table that compares every model on the same test ratings.
 */
public final class ModelMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(ModelMetrics.class);

  private ModelMetrics() {}

  /** A detail column value: a JSON object of name, value pairs, in order. */
  public static String detail(Object... nameValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.put((String) nameValues[i], nameValues[i + 1]);
    }
    return Json.object(m);
  }

  /** One model_metrics row; {@code epochs} is null for models without iterations. */
  public static Row row(
      String model,
      double rmse,
      double mae,
      double validationRmse,
      double seconds,
      Integer epochs,
      boolean selected,
      String detail) {
    return RowFactory.create(model, rmse, mae, validationRmse, seconds, epochs, selected, detail);
  }

  /**
   * The global mean, the bias baseline and (when configured) every ALS grid point, in that order;
   * ALS checkpoints its factors under {@code alsCheckpoints}.
   */
  public static Fitted baselines(
      SparkSession spark,
      TrainingData data,
      double mean,
      BaselineConfig cfg,
      long seed,
      Path alsCheckpoints) {
    List<Row> rows = new ArrayList<>();
    ALSModel als = null;
    long t0 = System.nanoTime();
    double[] mv = Baselines.errors(data.validation.withColumn(Baselines.PREDICTION, lit(mean)));
    double[] mt = Baselines.errors(data.test.withColumn(Baselines.PREDICTION, lit(mean)));
    rows.add(
        row(
            "global_mean",
            mt[0],
            mt[1],
            mv[0],
            seconds(t0),
            null,
            true,
            detail("prediction", "the mean training rating", "mean", mean)));

    t0 = System.nanoTime();
    Baselines.Biases biases =
        Baselines.fitBiases(data.train, cfg.biasRegularization(), cfg.biasIterations());
    double[] bv = Baselines.errors(biases.predict(data.validation));
    double[] bt = Baselines.errors(biases.predict(data.test));
    rows.add(
        row(
            "bias",
            bt[0],
            bt[1],
            bv[0],
            seconds(t0),
            cfg.biasIterations(),
            true,
            detail("lambda", cfg.biasRegularization(), "sweeps", cfg.biasIterations())));
    LOG.info("bias baseline: validation RMSE {}, test RMSE {}", f4(bv[0]), f4(bt[0]));

    if (cfg.als()) {
      spark.sparkContext().setCheckpointDir(alsCheckpoints.toString());
      List<AlsGrid.Point> points =
          AlsGrid.run(data.train, data.validation, data.test, mean, data.scale, cfg, seed);
      AlsGrid.Point chosen = AlsGrid.selected(points);
      als = chosen.model();
      for (AlsGrid.Point p : points) {
        rows.add(
            row(
                p.name(),
                p.rmse(),
                p.mae(),
                p.validationRmse(),
                p.seconds(),
                cfg.alsIterations(),
                p == chosen,
                detail(
                    "rank",
                    p.rank(),
                    "reg_param",
                    p.regParam(),
                    "iterations",
                    cfg.alsIterations(),
                    "role",
                    p == chosen ? "selected on validation RMSE" : "grid point")));
      }
    }
    return new Fitted(rows, als);
  }

  /** The baselines' metric rows, and the selected ALS model (null when ALS is off). */
  public record Fitted(List<Row> rows, ALSModel als) {}

  /** Logs every model's scores, and how {@code ours} compares with the best ALS grid point. */
  public static void log(List<Row> metrics, String ours) {
    StringBuilder sb = new StringBuilder("Test metrics (same split):");
    double bestAls = Double.POSITIVE_INFINITY;
    double oursRmse = Double.NaN;
    for (Row r : metrics) {
      sb.append(
          String.format(
              "%n  %-28s RMSE %.4f  MAE %.4f  validation RMSE %.4f  %7.1f s%s",
              r.getString(0),
              r.getDouble(1),
              r.getDouble(2),
              r.getDouble(3),
              r.getDouble(4),
              r.getBoolean(6) ? "" : "  (not selected)"));
      if (r.getString(0).startsWith("als(")) {
        bestAls = Math.min(bestAls, r.getDouble(1));
      }
      if (r.getString(0).equals(ours)) {
        oursRmse = r.getDouble(1);
      }
    }
    LOG.info(sb.toString());
    if (Double.isFinite(bestAls)) {
      LOG.info(
          "{} test RMSE {} vs the best ALS of the grid {}: {}",
          ours,
          f4(oursRmse),
          f4(bestAls),
          oursRmse <= bestAls ? "no worse" : "WORSE");
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static String f4(double v) {
    return String.format("%.4f", v);
  }
}
