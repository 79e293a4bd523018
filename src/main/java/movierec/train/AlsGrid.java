package movierec.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark MLlib's explicit ALS over a grid of rank x regParam, each fitted on the training split and
 * scored on validation and test. The grid point with the lowest validation RMSE is the selected
 * ALS; every point is reported. Users or movies ALS has no factors for (absent from training) are
 * predicted with the training mean. The caller sets a checkpoint directory: ALS checkpoints its
 * factor RDDs every {@code als-checkpoint-interval} iterations, which keeps the lineage (and the
 * stack depth of its serialisation) short.
 */
public final class AlsGrid {
  private static final Logger LOG = LoggerFactory.getLogger(AlsGrid.class);

  /** One grid point's scores. */
  public record Point(
      int rank,
      double regParam,
      double validationRmse,
      double rmse,
      double mae,
      double seconds,
      ALSModel model) {
    public String name() {
      return "als(rank=" + rank + ",reg=" + regParam + ")";
    }
  }

  /** Every rank x every reg. */
  static final String PRODUCT = "product";

  /** The middle rank with every reg, the middle reg with every rank. */
  static final String CROSS = "cross";

  /** The middle rank and reg only. */
  static final String POINT = "point";

  /** {@link #CROSS} up to {@link #CROSS_MAX_RATINGS} training ratings, {@link #POINT} above. */
  static final String AUTO = "auto";

  /**
   * Where auto stops fitting the cross: an ALS fit costs about ratings x rank^2 per iteration, so
   * the five fits of the default cross (62 s on ML-1M's 850,000 training ratings, 2 cores) would
   * take about half an hour at 25M, a baseline's share of the run that its tuning does not earn;
   * the cross is measured on small data, where it showed the middle point inside on both axes.
   */
  static final long CROSS_MAX_RATINGS = 5_000_000;

  private AlsGrid() {}

  /** The grid fitted: {@code configured}, or for auto the one the training ratings call for. */
  static String grid(String configured, long trainingRatings) {
    if (!configured.equals(AUTO)) {
      return configured;
    }
    return trainingRatings <= CROSS_MAX_RATINGS ? CROSS : POINT;
  }

  public static List<Point> run(
      Dataset<Row> train,
      Dataset<Row> validation,
      Dataset<Row> test,
      double mean,
      RatingScale scale,
      BaselineConfig cfg,
      long seed) {
    String grid = cfg.alsGrid();
    if (grid.equals(AUTO)) {
      long n = train.count();
      grid = grid(AUTO, n);
      LOG.info(
          "train.baselines.als-grid derived: {} ({} training ratings, {} {})",
          grid,
          n,
          grid.equals(CROSS) ? "at most" : "more than",
          CROSS_MAX_RATINGS);
    }
    List<Point> points = new ArrayList<>();
    for (double[] at : points(cfg.alsRanks(), cfg.alsRegParams(), grid)) {
      int rank = (int) at[0];
      double reg = at[1];
      {
        long t0 = System.nanoTime();
        ALSModel model =
            new ALS()
                .setRank(rank)
                .setRegParam(reg)
                .setMaxIter(cfg.alsIterations())
                .setCheckpointInterval(cfg.alsCheckpointInterval())
                .setUserCol(TrainSchemas.USER_ID)
                .setItemCol(TrainSchemas.MOVIE_ID)
                .setRatingCol(TrainSchemas.RATING)
                .setPredictionCol("als")
                .setSeed(seed)
                .fit(train);
        model.userFactors().count();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] val = Baselines.errors(predict(model, validation, mean, scale));
        double[] tst = Baselines.errors(predict(model, test, mean, scale));
        Point p = new Point(rank, reg, val[0], tst[0], tst[1], seconds, model);
        LOG.info(
            "{}: validation RMSE {}, test RMSE {}, {} s",
            p.name(),
            String.format("%.4f", val[0]),
            String.format("%.4f", tst[0]),
            String.format("%.1f", seconds));
        points.add(p);
      }
    }
    return points;
  }

  private static Dataset<Row> predict(
      ALSModel model, Dataset<Row> ratings, double mean, RatingScale scale) {
    return model
        .transform(ratings)
        .withColumn(
            Baselines.PREDICTION,
            scale.clip(
                when(col("als").isNull().or(isnan(col("als"))), lit(mean))
                    .otherwise(col("als").cast("double"))));
  }

  /**
   * The (rank, reg) points fitted: every combination ({@code product}); the middle rank with every
   * reg and the middle reg with every rank ({@code cross}: ranks + regs - 1 points, enough to see
   * whether the best point is inside the grid on both axes); or the middle point alone.
   */
  static List<double[]> points(List<Integer> ranks, List<Double> regs, String grid) {
    int midRank = ranks.get(ranks.size() / 2);
    double midReg = regs.get(regs.size() / 2);
    List<double[]> out = new ArrayList<>();
    for (int rank : ranks) {
      for (double reg : regs) {
        boolean middle = rank == midRank && reg == midReg;
        if (grid.equals(PRODUCT)
            || (grid.equals(CROSS) && (rank == midRank || reg == midReg))
            || middle) {
          out.add(new double[] {rank, reg});
        }
      }
    }
    return out;
  }

  /** The point with the lowest validation RMSE. */
  public static Point selected(List<Point> points) {
    Point best = points.get(0);
    for (Point p : points) {
      if (p.validationRmse() < best.validationRmse()) {
        best = p;
      }
    }
    return best;
  }
}
