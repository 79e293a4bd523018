package movierec.jobs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import movierec.config.AppConfig;
import movierec.evaluate.EvaluateConfig;
import movierec.evaluate.EvaluateSchemas;
import movierec.evaluate.HeldOutSimilar;
import movierec.evaluate.MetricRow;
import movierec.evaluate.MetricsLog;
import movierec.evaluate.MetricsTable;
import movierec.evaluate.RankingEvaluation;
import movierec.evaluate.RatingErrors;
import movierec.evaluate.Report;
import movierec.evaluate.ReportFiles;
import movierec.evaluate.SimilarQuality;
import movierec.evaluate.TestRanking;
import movierec.io.PartitionCommit;
import movierec.io.Table;
import movierec.io.Tables;
import movierec.model.ModelIo;
import movierec.ranking.Candidates;
import movierec.ranking.ItemItem;
import movierec.similarity.CoRatingSimilarity;
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
        Tables.RATINGS,
        Tables.USERS,
        Tables.MOVIES,
        Tables.RATINGS_SPLIT,
        Tables.USER_VECTORS,
        Tables.MOVIE_VECTORS,
        Tables.SIMILAR_MOVIES,
        Tables.MODEL_METRICS,
        Tables.MODEL_SELECTION,
        Tables.TRAINING_HISTORY);
  }

  @Override
  public void run(SparkSession spark) {
    String wh = config.warehousePath();
    EvaluateConfig ec = config.evaluate();
    spark.sparkContext().setJobGroup(NAME, "evaluate for " + runDate, false);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> split = Tables.read(spark, wh, Tables.RATINGS_SPLIT, runDate);
    Dataset<Row> movies = Tables.read(spark, wh, Tables.MOVIES, runDate);
    Dataset<Row> modelMetrics = Tables.read(spark, wh, Tables.MODEL_METRICS, runDate);
    // What recommend chose the served model by: the validation figures.
    List<Row> validation =
        Tables.read(spark, wh, Tables.MODEL_SELECTION, runDate)
            .selectExpr(EvaluateSchemas.METRICS.fieldNames())
            .orderBy(EvaluateSchemas.MODEL, EvaluateSchemas.METRIC, EvaluateSchemas.K)
            .collectAsList();
    String served = MetricsTable.served(validation);

    RankingEvaluation.Result ranking =
        TestRanking.run(
            spark,
            new TestRanking.Inputs(
                split,
                movies,
                Tables.read(spark, wh, Tables.USERS, runDate),
                Tables.read(spark, wh, Tables.USER_VECTORS, runDate),
                Tables.read(spark, wh, Tables.MOVIE_VECTORS, runDate),
                validation.stream().map(MetricRow::of).toList(),
                ModelIo.loader(Tables.partition(wh, Tables.MODELS, runDate), hadoop)),
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
    Dataset<Row> similarMovies = Tables.read(spark, wh, Tables.SIMILAR_MOVIES, runDate);
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
            ReportFiles.epochs(Tables.read(spark, wh, Tables.TRAINING_HISTORY, runDate)),
            ReportFiles.ratingCounts(Tables.read(spark, wh, Tables.RATINGS, runDate)),
            ranking.evaluated(),
            ranking.excluded());
    Path reportDir = new Path(Tables.table(wh, Tables.REPORTS), runDate.toString());
    try (PartitionCommit commit =
        new PartitionCommit(spark, wh, runDate, config.warehouseFormat())) {
      commit.stage(
          Tables.METRICS, spark.createDataFrame(rows, EvaluateSchemas.METRICS).coalesce(1));
      commit.stageDirectory(reportDir, dir -> ReportFiles.write(dir, hadoop, content));
      commit.commit();
    }
    LOG.info("Metrics and report written for {}: {}/index.html", runDate, reportDir);
  }
}
