package movierec.jobs;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import movierec.ingest.IngestTables;
import movierec.io.PartitionCommit;
import movierec.io.Table;
import movierec.io.Tables;
import movierec.model.ModelIo;
import movierec.model.ModelState;
import movierec.ranking.Candidates;
import movierec.ranking.Catalog;
import movierec.ranking.ItemItem;
import movierec.ranking.MetricSchemas;
import movierec.ranking.ModelSelection;
import movierec.recommend.AlsoLiked;
import movierec.recommend.RecommendConfig;
import movierec.recommend.RecommendSchemas;
import movierec.recommend.RecommendTables;
import movierec.recommend.SegmentTopMovies;
import movierec.recommend.ServedLists;
import movierec.recommend.SimilarMovies;
import movierec.recommend.UserTopMovies;
import movierec.similarity.NeighborTables;
import movierec.train.TrainTables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * recommend: chooses the served model on the validation split ({@code model_selection}), then from
 * it, the train job's vectors and models and the similarity job's neighbours writes {@code
 * user_top_movies}, {@code similar_movies}, {@code also_liked} and {@code segment_top_movies} for
 * the run date, committed together.
 */
public record RecommendJob(AppConfig config, LocalDate runDate) implements Job {
  public static final String NAME = "recommend";

  private static final Logger LOG = LoggerFactory.getLogger(RecommendJob.class);

  @Override
  public void preflight(Configuration hadoopConf) {
    if (config.ranking().candidates().contains(Candidates.EASE)
        || config.recommend().models().contains(Candidates.EASE)) {
      ItemItem.checkDriverHeap(config.ranking().easeItems());
    }
  }

  @Override
  public List<Table> inputs() {
    return List.of(
        IngestTables.RATINGS,
        IngestTables.USERS,
        IngestTables.MOVIES,
        TrainTables.RATINGS_SPLIT,
        TrainTables.USER_VECTORS,
        TrainTables.MOVIE_VECTORS,
        NeighborTables.MOVIE_NEIGHBORS);
  }

  @Override
  public void run(SparkSession spark) {
    String wh = config.warehousePath();
    RecommendConfig rc = config.recommend();
    spark.sparkContext().setJobGroup(NAME, "recommend for " + runDate, false);
    Dataset<Row> ratings = Tables.read(spark, wh, IngestTables.RATINGS, runDate);
    Dataset<Row> movies = Tables.read(spark, wh, IngestTables.MOVIES, runDate);
    Dataset<Row> userVectors = Tables.read(spark, wh, TrainTables.USER_VECTORS, runDate);
    Dataset<Row> movieVectors = Tables.read(spark, wh, TrainTables.MOVIE_VECTORS, runDate);

    List<String> available = Candidates.vectorModels(movieVectors);
    boolean auto = rc.auto();
    List<String> pinned = auto ? List.of() : rc.models();
    ServedLists.checkServable(available, pinned, rc.vectorModel(), runDate);
    AlsoLiked.checkBudget(
        AlsoLiked.likes(ratings, rc.likeThreshold()),
        rc.likesCap(),
        AlsoLiked.pairBudget(rc.maxLikePairs(), spark.sparkContext().defaultParallelism()));
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Catalog catalog = Catalog.of(movies);
    Candidates.Settings settings =
        Candidates.Settings.of(config.ranking(), config.train().baselines());
    ModelSelection.Result choice =
        ModelSelection.run(
            spark,
            Tables.read(spark, wh, TrainTables.RATINGS_SPLIT, runDate),
            catalog,
            userVectors,
            movieVectors,
            ServedLists.candidates(config.ranking().candidates(), available, pinned),
            settings,
            config.ranking().selectionK(),
            config.evaluate().relevantThreshold(),
            config.ranking().blendWeights(),
            auto ? Optional.empty() : Optional.of(pinned.get(0)),
            config.evaluate().bootstrap());
    // Each model file is read once: the vector model's serves its lists and its segment lists.
    Function<String, Optional<ModelState>> modelFiles =
        ModelIo.loader(Tables.partition(wh, TrainTables.MODELS, runDate), hadoop);
    ServedLists served =
        new ServedLists(
            spark, rc, settings, ratings, catalog, userVectors, movieVectors, modelFiles);
    UserTopMovies.WithFans vmPass = served.vectorModelPass();
    try (PartitionCommit commit =
        new PartitionCommit(spark, wh, runDate, config.warehouseFormat())) {
      commit.stage(
          RecommendTables.USER_TOP_MOVIES,
          served.userTopMovies(
              auto ? List.of(choice.served()) : pinned,
              choice.served(),
              choice.blend(),
              vmPass.lists()));
      commit.stage(
          RecommendTables.SIMILAR_MOVIES,
          SimilarMovies.all(
              spark,
              Tables.read(spark, wh, NeighborTables.MOVIE_NEIGHBORS, runDate),
              ServedLists.of(movieVectors, rc.vectorModel()),
              movies,
              rc));
      commit.stage(
          RecommendTables.ALSO_LIKED,
          AlsoLiked.all(spark, vmPass, ratings, rc, config.similarity().seed()));
      commit.stage(
          RecommendTables.SEGMENT_TOP_MOVIES,
          spark
              .createDataFrame(
                  SegmentTopMovies.of(
                      modelFiles.apply(rc.vectorModel()),
                      rc,
                      movieVectors,
                      movies,
                      ratings,
                      Tables.read(spark, wh, IngestTables.USERS, runDate)),
                  RecommendSchemas.SEGMENT_TOP_MOVIES)
              .coalesce(1));
      commit.stage(
          RecommendTables.MODEL_SELECTION,
          spark.createDataFrame(choice.validationRows(), MetricSchemas.METRICS).coalesce(1));
      commit.commit();
    } finally {
      vmPass.persisted().unpersist();
    }
    LOG.info("Recommendations written for {}; user_top_movies serves {}", runDate, choice.served());
  }
}
