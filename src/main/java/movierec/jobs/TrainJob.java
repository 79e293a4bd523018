package movierec.jobs;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movierec.config.AppConfig;
import movierec.config.AppConfig.TrainConfig;
import movierec.features.FeatureEncoding;
import movierec.features.FeatureSchemas;
import movierec.features.Vocabulary;
import movierec.io.PartitionCommit;
import movierec.io.Tables;
import movierec.model.ModelConfig;
import movierec.model.ModelIo;
import movierec.model.ModelState;
import movierec.model.ReplicaTrainer.Errors;
import movierec.train.Baselines;
import movierec.train.DistributedTrainer;
import movierec.train.ModelMetrics;
import movierec.train.RankingValidation;
import movierec.train.TrainSchemas;
import movierec.train.TrainingCheckpoint;
import movierec.train.TrainingData;
import movierec.train.Vectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * train: splits the run date's ratings once ({@code ratings_split}), fits the baselines (global
 * mean, user + movie biases, an MLlib ALS grid) and the embedding regressor (and the tutorial
 * preset) on the training split, and writes {@code model_metrics} (test RMSE and MAE of every
 * model), {@code training_history}, {@code user_vectors}, {@code movie_vectors} (the selected ALS
 * point's factors too, as model {@code als}) and the model files ({@code models}). Every table and
 * file of the run commits together.
 */
public final class TrainJob implements Job {
  public static final String NAME = "train";

  /** The configured embedding regressor's name in every table. */
  public static final String EMBEDDING = "embedding";

  /** The tutorial preset's name. */
  public static final String TUTORIAL = "embedding_tutorial";

  /** The two-tower ranker (the ranking objective). */
  public static final String RANKER = "ranker";

  /** The selected ALS grid point's factors in user_vectors and movie_vectors. */
  public static final String ALS = "als";

  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  private final AppConfig config;
  private final LocalDate runDate;

  public TrainJob(AppConfig config, LocalDate runDate) {
    this.config = config;
    this.runDate = runDate;
  }

  @Override
  public void run(SparkSession spark) {
    String wh = config.warehousePath();
    TrainConfig tc = config.train();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    spark.sparkContext().setJobGroup(NAME, "train for " + runDate, false);

    TrainingData data =
        TrainingData.prepare(
            spark,
            Tables.read(spark, wh, Tables.RATINGS, runDate),
            Tables.read(spark, wh, Tables.USERS, runDate),
            Tables.read(spark, wh, Tables.MOVIES, runDate),
            titleWords(spark, wh),
            tc);
    LOG.info(
        "Model inputs: {}; cold-start (no training ratings): {} of {} users, {} of {} movies",
        data.space,
        data.features.coldUsers(),
        data.features.users(),
        data.features.coldMovies(),
        data.features.movies());
    List<Row> metrics = new ArrayList<>();
    List<Row> history = new ArrayList<>();
    List<Broadcast<ModelState>> broadcasts = new ArrayList<>();
    Dataset<Row> userVectors = null;
    Dataset<Row> movieVectors = null;
    Path checkpoints = new Path(tc.checkpointDir(), NAME + "/" + Tables.partitionDirName(runDate));
    try (data) {
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
        userVectors = Vectors.ofFactors(baselines.als().userFactors(), ALS);
        movieVectors = Vectors.ofFactors(baselines.als().itemFactors(), ALS);
      }

      DistributedTrainer trainer = DistributedTrainer.of(jsc, data, Optional.of(checkpoints));
      List<NamedModel> models = new ArrayList<>();
      models.add(new NamedModel(EMBEDDING, tc.model()));
      if (tc.tutorialPreset()) {
        models.add(new NamedModel(TUTORIAL, ModelConfig.tutorial(tc.model().seed())));
      }
      if (tc.ranker().isPresent()) {
        models.add(new NamedModel(RANKER, tc.ranker().get()));
        trainer.rankingValidation(
            new RankingValidation(
                data.features,
                data.validationShards.collect(),
                config.evaluate().relevantThreshold(),
                RANKING_K,
                tc.rankerValidationUsers()));
      }
      List<Trained> trained = new ArrayList<>();
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
                  "best epoch " + r.bestEpoch() + "; " + m.config()));
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
      ModelMetrics.log(metrics, EMBEDDING);
      try (PartitionCommit commit = new PartitionCommit(spark, wh, runDate)) {
        commit.stage(
            Tables.RATINGS_SPLIT, data.split.orderBy(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID));
        commit.stage(Tables.MODEL_METRICS, rows(spark, metrics, TrainSchemas.MODEL_METRICS));
        commit.stage(Tables.TRAINING_HISTORY, rows(spark, history, TrainSchemas.TRAINING_HISTORY));
        commit.stage(Tables.USER_VECTORS, userVectors);
        commit.stage(Tables.MOVIE_VECTORS, movieVectors);
        commit.stageFiles(
            Tables.MODELS,
            dir -> {
              for (Trained t : trained) {
                ModelIo.save(
                    t.result().best(),
                    new Path(dir, t.name() + ".model"),
                    jsc.hadoopConfiguration());
              }
            });
        commit.commit();
      }
      TrainingCheckpoint.delete(checkpoints, jsc.hadoopConfiguration());
    } finally {
      broadcasts.forEach(Broadcast::destroy);
    }
    LOG.info("Train written for {}", runDate);
  }

  /** The cut-off of the ranker's validation NDCG (as ranking.selection-k's default). */
  private static final int RANKING_K = 10;

  private static Dataset<Row> union(Dataset<Row> a, Dataset<Row> b) {
    return a == null ? b : a.unionAll(b);
  }

  private record NamedModel(String name, ModelConfig config) {}

  private record Trained(String name, DistributedTrainer.Result result) {}

  private static Dataset<Row> rows(
      SparkSession spark, List<Row> rows, org.apache.spark.sql.types.StructType schema) {
    return spark.createDataFrame(rows, schema).coalesce(1);
  }

  /** The features job's title vocabulary (newest on or before the run date), or empty. */
  private List<String> titleWords(SparkSession spark, String wh) {
    Optional<LocalDate> d = Tables.latestOnOrBefore(spark, wh, Tables.FEATURE_VOCABULARY, runDate);
    if (d.isEmpty()) {
      LOG.info("No feature vocabulary yet: fitting the title vocabulary from the movies");
      return List.of();
    }
    return Tables.read(spark, wh, Tables.FEATURE_VOCABULARY, d.get())
        .filter(
            col(FeatureSchemas.ENTITY)
                .equalTo(FeatureEncoding.MOVIE)
                .and(col(FeatureSchemas.FEATURE).equalTo(FeatureSchemas.TITLE_TOKENS))
                .and(col(FeatureSchemas.VALUE).notEqual(Vocabulary.UNKNOWN)))
        .select(FeatureSchemas.VALUE)
        .as(Encoders.STRING())
        .collectAsList();
  }
}
