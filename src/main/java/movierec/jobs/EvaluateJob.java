package movierec.jobs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import movierec.evaluate.EvaluateConfig;
import movierec.evaluate.EvaluateTables;
import movierec.evaluate.HeldOutSimilar;
import movierec.evaluate.MetricsLog;
import movierec.evaluate.MetricsTable;
import movierec.evaluate.RatingErrors;
import movierec.evaluate.Report;
import movierec.evaluate.ReportFiles;
import movierec.evaluate.SimilarQuality;
import movierec.evaluate.TestRanking;
import movierec.ingest.IngestTables;
import movierec.io.PartitionCommit;
import movierec.io.Table;
import movierec.io.Tables;
import movierec.model.ModelIo;
import movierec.ranking.Candidates;
import movierec.ranking.ItemItem;
import movierec.ranking.MetricRow;
import movierec.ranking.MetricSchemas;
import movierec.ranking.RankingEvaluation;
import movierec.recommend.RecommendTables;
import movierec.similarity.CoRatingSimilarity;
import movierec.train.TrainTables;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * evaluate: every model on the test split of {@code ratings_split}, scored once here: RMSE and MAE
 * of the rating predictors (from the train job's {@code model_metrics}, measured there on the same
 * split), and full-ranking top-K metrics of the ranking models (popularity, the bias baseline,
 * item-kNN, EASE, and every vector model: ALS, the embedding regressor and its tutorial preset),
 * plus the genre consistency of the similar_movies methods. The validation figures recommend chose
 * the served model by ({@code model_selection}) go into {@code metrics} beside them. Writes {@code
 * metrics} and the HTML report {@code reports/<run date>/}.
 */
public record EvaluateJob(AppConfig config, LocalDate runDate) implements Job {
  public static final String NAME = "evaluate";

  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

  @Override
  public void preflight(Configuration hadoopConf) {
    ItemItem.checkDriverHeap(config.ranking().easeItems());
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
        RecommendTables.SIMILAR_MOVIES,
        TrainTables.MODEL_METRICS,
        RecommendTables.MODEL_SELECTION,
        TrainTables.TRAINING_HISTORY);
  }

  @Override
  public void run(SparkSession spark) {
    String wh = config.warehousePath();
    EvaluateConfig ec = config.evaluate();
    spark.sparkContext().setJobGroup(NAME, "evaluate for " + runDate, false);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> split = Tables.read(spark, wh, TrainTables.RATINGS_SPLIT, runDate);
    Dataset<Row> movies = Tables.read(spark, wh, IngestTables.MOVIES, runDate);
    Dataset<Row> modelMetrics = Tables.read(spark, wh, TrainTables.MODEL_METRICS, runDate);
    // What recommend chose the served model by: the validation figures.
    List<Row> validation =
        Tables.read(spark, wh, RecommendTables.MODEL_SELECTION, runDate)
            .selectExpr(MetricSchemas.METRICS.fieldNames())
            .orderBy(MetricSchemas.MODEL, MetricSchemas.METRIC, MetricSchemas.K)
            .collectAsList();
    String served = MetricsTable.served(validation);

    RankingEvaluation.Result ranking =
        TestRanking.run(
            spark,
            new TestRanking.Inputs(
                split,
                movies,
                Tables.read(spark, wh, IngestTables.USERS, runDate),
                Tables.read(spark, wh, TrainTables.USER_VECTORS, runDate),
                Tables.read(spark, wh, TrainTables.MOVIE_VECTORS, runDate),
                validation.stream().map(MetricRow::of).toList(),
                ModelIo.loader(Tables.partition(wh, TrainTables.MODELS, runDate), hadoop)),
            config.ranking().candidates(),
            Candidates.Settings.of(config.ranking(), config.train().baselines()),
            ec.ks(),
            ec.curveKs(),
            ec.relevantThreshold(),
            ec.bootstrap());
    List<MetricRow> metrics = new ArrayList<>(RatingErrors.test(modelMetrics));
    metrics.addAll(ranking.rows());
    metrics.add(new MetricRow("all", "users_evaluated", null, ranking.evaluated()));
    metrics.add(new MetricRow("all", "users_excluded", null, ranking.excluded()));
    Dataset<Row> similarMovies = Tables.read(spark, wh, RecommendTables.SIMILAR_MOVIES, runDate);
    List<MetricRow> similar = new ArrayList<>(SimilarQuality.compute(similarMovies, movies));
    similar.addAll(
        HeldOutSimilar.judge(
            spark,
            similarMovies,
            split,
            movies,
            CoRatingSimilarity.Params.of(
                config.similarity(),
                List.of(config.recommend().coRatingKind()),
                config.similarity().blockSize().orElse(CoRatingSimilarity.DERIVED)),
            config.recommend(),
            ec.relevantThreshold()));
    MetricsLog.similar(similar, HeldOutSimilar.K);
    MetricsLog.ranking(metrics, ec.ks().get(0), served);

    List<Row> rows =
        MetricsTable.rows(
            validation, RatingErrors.validation(modelMetrics), metrics, similar, served);
    List<MetricRow> reported = new ArrayList<>(metrics);
    reported.addAll(similar);
    Report.Content content =
        new Report.Content(
            runDate,
            reported,
            ReportFiles.epochs(Tables.read(spark, wh, TrainTables.TRAINING_HISTORY, runDate)),
            ReportFiles.ratingCounts(Tables.read(spark, wh, IngestTables.RATINGS, runDate)),
            ranking.evaluated(),
            ranking.excluded());
    Path reportDir = new Path(Tables.table(wh, EvaluateTables.REPORTS), runDate.toString());
    try (PartitionCommit commit =
        new PartitionCommit(spark, wh, runDate, config.warehouseFormat())) {
      commit.stage(
          EvaluateTables.METRICS, spark.createDataFrame(rows, MetricSchemas.METRICS).coalesce(1));
      commit.stageDirectory(reportDir, dir -> ReportFiles.write(dir, hadoop, content));
      commit.commit();
    }
    LOG.info("Metrics and report written for {}: {}/index.html", runDate, reportDir);
  }
}
