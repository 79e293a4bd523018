package movierec.jobs;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import movierec.features.FeatureEncoding;
import movierec.features.FeatureTables;
import movierec.ingest.IngestTables;
import movierec.io.PartitionCommit;
import movierec.io.Table;
import movierec.io.Tables;
import movierec.model.ModelIo;
import movierec.train.ModelTraining;
import movierec.train.TrainConfig;
import movierec.train.TrainSchemas;
import movierec.train.TrainTables;
import movierec.train.TrainingCheckpoint;
import movierec.train.TrainingData;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
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
public record TrainJob(AppConfig config, LocalDate runDate) implements Job {
  public static final String NAME = "train";

  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  @Override
  public List<Table> inputs() {
    return List.of(IngestTables.RATINGS, IngestTables.USERS, IngestTables.MOVIES);
  }

  @Override
  public void run(SparkSession spark) {
    String wh = config.warehousePath();
    TrainConfig tc = config.train();
    spark.sparkContext().setJobGroup(NAME, "train for " + runDate, false);
    TrainingData data =
        TrainingData.prepare(
            spark,
            Tables.read(spark, wh, IngestTables.RATINGS, runDate),
            Tables.read(spark, wh, IngestTables.USERS, runDate),
            Tables.read(spark, wh, IngestTables.MOVIES, runDate),
            titleWords(spark, wh),
            tc);
    LOG.info(
        "Model inputs: {}; cold-start (no training ratings): {} of {} users, {} of {} movies",
        data.space,
        data.features.coldUsers(),
        data.features.users(),
        data.features.coldMovies(),
        data.features.movies());
    Path checkpoints = new Path(tc.checkpointDir(), NAME + "/" + Tables.partitionDirName(runDate));
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    try (data;
        ModelTraining t =
            ModelTraining.run(spark, data, tc, config.evaluate().relevantThreshold(), checkpoints);
        PartitionCommit commit =
            new PartitionCommit(spark, wh, runDate, config.warehouseFormat())) {
      commit.stage(TrainTables.RATINGS_SPLIT, data.split);
      commit.stage(
          TrainTables.MODEL_METRICS,
          spark.createDataFrame(t.metrics(), TrainSchemas.MODEL_METRICS).coalesce(1));
      commit.stage(
          TrainTables.TRAINING_HISTORY,
          spark.createDataFrame(t.history(), TrainSchemas.TRAINING_HISTORY).coalesce(1));
      commit.stage(TrainTables.USER_VECTORS, t.userVectors());
      commit.stage(TrainTables.MOVIE_VECTORS, t.movieVectors());
      commit.stageFiles(
          TrainTables.MODELS,
          dir -> {
            for (ModelTraining.Trained m : t.trained()) {
              ModelIo.save(m.result().best(), ModelIo.file(dir, m.name()), hadoop);
            }
          });
      commit.commit();
    }
    TrainingCheckpoint.delete(checkpoints, hadoop);
    LOG.info("Train written for {}", runDate);
  }

  /** The features job's title vocabulary (newest on or before the run date), or empty. */
  private List<String> titleWords(SparkSession spark, String wh) {
    Optional<LocalDate> d =
        Tables.latestOnOrBefore(spark, wh, FeatureTables.FEATURE_VOCABULARY, runDate);
    if (d.isEmpty()) {
      LOG.info("No feature vocabulary yet: fitting the title vocabulary from the movies");
      return List.of();
    }
    return FeatureEncoding.titleWords(
        Tables.read(spark, wh, FeatureTables.FEATURE_VOCABULARY, d.get()));
  }
}
