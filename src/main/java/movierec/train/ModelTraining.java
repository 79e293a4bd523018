package movierec.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movierec.model.ModelConfig;
import movierec.model.ModelState;
import movierec.model.ReplicaTrainer.Errors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every model of one train run on one split: the baselines (global mean, biases, the ALS grid), the
 * embedding regressor, its tutorial preset and the ranker, with what the train job writes of them:
 * model_metrics and training_history rows, the user and movie vectors, the best states. Closing it
 * releases the broadcast states the vector tables are computed from.
 */
public final class ModelTraining implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);

  /** The cut-off of the ranker's validation NDCG (as ranking.selection-k's default). */
  private static final int RANKING_K = 10;

  /** A trained network and its name. */
  public record Trained(String name, DistributedTrainer.Result result) {}

  private record NamedModel(String name, ModelConfig config) {}

  private final List<Row> metrics = new ArrayList<>();
  private final List<Row> history = new ArrayList<>();
  private final List<Broadcast<ModelState>> broadcasts = new ArrayList<>();
  private final List<Trained> trained = new ArrayList<>();
  private Dataset<Row> userVectors;
  private Dataset<Row> movieVectors;

  private ModelTraining() {}

  /**
   * @param checkpoints where per-epoch checkpoints (and ALS's) go; a rerun resumes from them
   */
  public static ModelTraining run(
      SparkSession spark,
      TrainingData data,
      TrainConfig tc,
      double relevantThreshold,
      Path checkpoints) {
    ModelTraining out = new ModelTraining();
    try {
      out.train(spark, data, tc, relevantThreshold, checkpoints);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private void train(
      SparkSession spark,
      TrainingData data,
      TrainConfig tc,
      double relevantThreshold,
      Path checkpoints) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    double mean = Baselines.globalMean(data.train);
    LOG.info(
        "Split ({}): {} ratings; training mean {}",
        tc.splitMethod(),
        data.splitCounts(),
        String.format("%.4f", mean));
    ModelMetrics.Fitted baselines =
        ModelMetrics.baselines(
            spark, data, mean, tc.baselines(), tc.model().seed(), new Path(checkpoints, "als"));
    metrics.addAll(baselines.rows());
    if (baselines.als() != null) {
      userVectors =
          Vectors.ofFactors(baselines.als().userFactors(), Vectors.Side.USER, ModelNames.ALS);
      movieVectors =
          Vectors.ofFactors(baselines.als().itemFactors(), Vectors.Side.MOVIE, ModelNames.ALS);
    }

    DistributedTrainer trainer = DistributedTrainer.of(jsc, data, Optional.of(checkpoints));
    List<NamedModel> models = new ArrayList<>();
    models.add(new NamedModel(ModelNames.EMBEDDING, tc.model()));
    if (tc.tutorialPreset()) {
      models.add(new NamedModel(ModelNames.TUTORIAL, ModelConfig.tutorial(tc.model().seed())));
    }
    if (tc.ranker().isPresent()) {
      models.add(new NamedModel(ModelNames.RANKER, tc.ranker().get()));
      trainer.rankingValidation(
          new RankingValidation(
              data.features,
              data.validationShards.collect(),
              relevantThreshold,
              RANKING_K,
              tc.rankerValidationUsers()));
    }
    for (NamedModel m : models) {
      DistributedTrainer.Result r = trainer.train(m.name(), m.config(), data.space, mean);
      boolean ranking = m.config().ranking();
      if (!ranking) {
        // The best epoch's validation RMSE was measured on the same state while training.
        double valRmse = r.history().get(r.bestEpoch() - 1).validation();
        Errors tst = trainer.score(r.best(), data.testShards);
        metrics.add(
            ModelMetrics.row(
                m.name(),
                tst.rmse(),
                tst.mae(),
                valRmse,
                r.seconds(),
                r.history().size(),
                true,
                ModelMetrics.detail("best_epoch", r.bestEpoch(), "config", m.config())));
      }
      for (DistributedTrainer.Epoch e : r.history()) {
        Double loss = e.trainLoss();
        Double val = e.validation();
        history.add(
            RowFactory.create(
                m.name(),
                e.epoch(),
                ranking ? null : loss,
                ranking ? null : val,
                e.samplesPerSecond(),
                e.seconds(),
                ranking ? loss : null,
                ranking ? val : null));
      }
      Broadcast<ModelState> best = jsc.broadcast(r.best());
      broadcasts.add(best);
      int slices = tc.partitions();
      userVectors =
          union(
              userVectors,
              Vectors.of(spark, Vectors.Side.USER, best, data.broadcast, m.name(), slices));
      movieVectors =
          union(
              movieVectors,
              Vectors.of(spark, Vectors.Side.MOVIE, best, data.broadcast, m.name(), slices));
      trained.add(new Trained(m.name(), r));
    }
    ModelMetrics.log(metrics, ModelNames.EMBEDDING);
  }

  /** model_metrics rows. */
  public List<Row> metrics() {
    return metrics;
  }

  /** training_history rows. */
  public List<Row> history() {
    return history;
  }

  public Dataset<Row> userVectors() {
    return userVectors;
  }

  public Dataset<Row> movieVectors() {
    return movieVectors;
  }

  public List<Trained> trained() {
    return trained;
  }

  private static Dataset<Row> union(Dataset<Row> a, Dataset<Row> b) {
    return a == null ? b : a.unionAll(b);
  }

  @Override
  public void close() {
    broadcasts.forEach(Broadcast::destroy);
  }
}
