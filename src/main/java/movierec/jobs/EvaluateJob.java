package movierec.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import movierec.config.AppConfig;
import movierec.config.AppConfig.EvaluateConfig;
import movierec.evaluate.EvaluateSchemas;
import movierec.evaluate.HeldOutSimilar;
import movierec.evaluate.MetricRow;
import movierec.evaluate.ModelSelection;
import movierec.evaluate.RankingEvaluation;
import movierec.evaluate.Report;
import movierec.evaluate.SimilarQuality;
import movierec.ingest.IngestSchemas;
import movierec.io.PartitionCommit;
import movierec.io.Tables;
import movierec.model.ModelIo;
import movierec.model.ModelState;
import movierec.ranking.Candidates;
import movierec.ranking.Catalog;
import movierec.ranking.Interactions;
import movierec.ranking.ItemItem;
import movierec.ranking.ItemScorer;
import movierec.similarity.CoRatingSimilarity;
import movierec.train.HistoryVectors;
import movierec.train.TrainSchemas;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
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
public final class EvaluateJob implements Job {
  public static final String NAME = "evaluate";

  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

  /** The models fitted from the training split that every evaluation measures, in this order. */
  private static final List<String> FITTED_ORDER =
      List.of(Candidates.POPULARITY, Candidates.BIAS, Candidates.ITEM_KNN, Candidates.EASE);

  private static final String[] METRICS_COLUMNS = EvaluateSchemas.METRICS.fieldNames();

  /** The similar movies of each liked training movie offered in the held-out judgement. */
  private static final int HELD_OUT_K = 10;

  private final AppConfig config;
  private final LocalDate runDate;

  public EvaluateJob(AppConfig config, LocalDate runDate) {
    this.config = config;
    this.runDate = runDate;
  }

  @Override
  public void preflight(Configuration hadoopConf) {
    ItemItem.checkDriverHeap(config.ranking().easeMaxItems());
  }

  @Override
  public void run(SparkSession spark) {
    String wh = config.warehousePath();
    EvaluateConfig ec = config.evaluate();
    spark.sparkContext().setJobGroup(NAME, "evaluate for " + runDate, false);
    Dataset<Row> split = Tables.read(spark, wh, Tables.RATINGS_SPLIT, runDate);
    Dataset<Row> movies = Tables.read(spark, wh, Tables.MOVIES, runDate);
    Dataset<Row> movieVectors = Tables.read(spark, wh, Tables.MOVIE_VECTORS, runDate);
    Dataset<Row> userVectors = Tables.read(spark, wh, Tables.USER_VECTORS, runDate);
    Dataset<Row> selection = Tables.read(spark, wh, Tables.MODEL_SELECTION, runDate);
    Dataset<Row> train =
        split
            .filter(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TRAIN))
            .select(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID, TrainSchemas.RATING)
            .cache();

    Catalog catalog = Catalog.of(movies);
    Interactions interactions = Interactions.of(train, catalog);
    List<String> names = new ArrayList<>(FITTED_ORDER);
    names.addAll(Candidates.vectorModels(movieVectors));
    config.ranking().candidates().stream().filter(m -> !names.contains(m)).forEach(names::add);
    List<ItemScorer> models =
        new ArrayList<>(
            Candidates.fit(names, train, interactions, catalog, movieVectors, settings()));
    List<Row> validation =
        selection
            .selectExpr(EvaluateSchemas.METRICS.fieldNames())
            .orderBy(EvaluateSchemas.MODEL, EvaluateSchemas.METRIC, EvaluateSchemas.K)
            .collectAsList();
    ModelSelection.BlendSpec.from(metricRows(validation))
        .ifPresent(b -> models.add(b.of(byName(models, b.fitted()), byName(models, b.vector()))));

    long t0 = System.nanoTime();
    RankingEvaluation.Result ranking =
        RankingEvaluation.run(
            spark,
            split.filter(col(TrainSchemas.SPLIT).notEqual(TrainSchemas.TEST)),
            split.filter(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TEST)),
            testVectors(spark, wh, models, userVectors, movies, split),
            new RankingEvaluation.Context(
                catalog, interactions.popularity(), interactions.users(), models),
            ec.ks(),
            ec.curveKs(),
            ec.relevantThreshold());
    LOG.info(
        "Ranked {} models for {} users ({} test users without a relevant item left out) in {} s",
        models.size(),
        ranking.evaluated(),
        ranking.excluded(),
        Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
    train.unpersist();

    List<MetricRow> metrics = new ArrayList<>(ratingErrors(spark, wh));
    metrics.addAll(ranking.rows());
    metrics.add(new MetricRow("all", "users_evaluated", null, ranking.evaluated()));
    metrics.add(new MetricRow("all", "users_excluded", null, ranking.excluded()));
    Dataset<Row> similarMovies = Tables.read(spark, wh, Tables.SIMILAR_MOVIES, runDate);
    List<MetricRow> similar = new ArrayList<>(SimilarQuality.compute(similarMovies, movies));
    similar.addAll(
        HeldOutSimilar.compute(
            HeldOutSimilar.lists(
                spark,
                similarMovies,
                split,
                movies,
                CoRatingSimilarity.Params.of(
                    config.similarity(), List.of(config.recommend().coRatingKind())),
                config.recommend()),
            split,
            ec.relevantThreshold(),
            HELD_OUT_K));
    LOG.info(
        "Similar movies (held out: liked test movies in the top {} of liked training movies): {}",
        HELD_OUT_K,
        similar.stream()
            .map(m -> m.model() + " " + m.metric() + " " + String.format("%.4f", m.value()))
            .collect(java.util.stream.Collectors.joining(", ")));
    String served =
        validation.stream()
            .filter(r -> r.getBoolean(5))
            .map(r -> r.getString(0))
            .findFirst()
            .orElse("");
    log(metrics, ec.ks().get(0), served);

    List<Row> rows = new ArrayList<>(validation);
    validationRmse(spark, wh).forEach(m -> rows.add(m.toRow(TrainSchemas.VALIDATION, false)));
    metrics.forEach(m -> rows.add(m.toRow(TrainSchemas.TEST, m.model().equals(served))));
    // Genre consistency is measured on the lists themselves, not on a split.
    similar.forEach(m -> rows.add(m.toRow(null, false)));
    List<MetricRow> reported = new ArrayList<>(metrics);
    reported.addAll(similar);
    Report.Content content =
        new Report.Content(
            runDate,
            reported,
            history(spark, wh),
            ratingCounts(spark, wh),
            ranking.evaluated(),
            ranking.excluded());
    Path reportDir = new Path(Tables.table(wh, Tables.REPORTS), runDate.toString());
    try (PartitionCommit commit = new PartitionCommit(spark, wh, runDate)) {
      commit.stage(
          Tables.METRICS, spark.createDataFrame(rows, EvaluateSchemas.METRICS).coalesce(1));
      commit.stageDirectory(reportDir, dir -> writeReport(spark, dir, content));
      commit.commit();
    }
    LOG.info("Metrics and report written for {}: {}/index.html", runDate, reportDir);
  }

  /**
   * Each vector model's user vectors for the test ranking. A model whose user tower reads the
   * history gets vectors from the training and validation ratings, the history every other model
   * ranks the test split from (the train job's vectors saw the training ratings only).
   */
  private List<Dataset<Row>> testVectors(
      SparkSession spark,
      String wh,
      List<ItemScorer> models,
      Dataset<Row> userVectors,
      Dataset<Row> movies,
      Dataset<Row> split) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> users = Tables.read(spark, wh, Tables.USERS, runDate);
    Dataset<Row> history =
        split
            .filter(col(TrainSchemas.SPLIT).notEqual(TrainSchemas.TEST))
            .select(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID);
    List<Dataset<Row>> out = new ArrayList<>();
    for (ItemScorer m : models) {
      if (!m.needsVector()) {
        continue;
      }
      String name = m.vectorModel();
      Optional<ModelState> state =
          ModelIo.loadIfExists(
              new Path(Tables.partition(wh, Tables.MODELS, runDate), name + ".model"), conf);
      if (state.isPresent() && state.get().config().historyDim() > 0) {
        LOG.info("{}: user vectors from the training and validation ratings", m.name());
        out.add(HistoryVectors.users(spark, state.get(), users, movies, history));
      } else {
        out.add(userVectors.filter(col(TrainSchemas.MODEL).equalTo(name)));
      }
    }
    return out;
  }

  private static ItemScorer byName(List<ItemScorer> models, String name) {
    return models.stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "model_selection blends " + name + ", which this run has no model of"));
  }

  private static List<MetricRow> metricRows(List<Row> rows) {
    List<MetricRow> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new MetricRow(
              r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getInt(2), r.getDouble(3)));
    }
    return out;
  }

  private Candidates.Settings settings() {
    return Candidates.Settings.of(config.ranking(), config.train().baselines());
  }

  /** Validation RMSE of the train job's selected rating models. */
  private List<MetricRow> validationRmse(SparkSession spark, String wh) {
    List<MetricRow> out = new ArrayList<>();
    for (Row r :
        Tables.read(spark, wh, Tables.MODEL_METRICS, runDate)
            .filter(col(TrainSchemas.SELECTED))
            .select(TrainSchemas.MODEL, TrainSchemas.VALIDATION_RMSE)
            .collectAsList()) {
      String model = r.getString(0).startsWith("als(") ? TrainJob.ALS : r.getString(0);
      out.add(new MetricRow(model, "rmse", null, r.getDouble(1)));
    }
    return out;
  }

  /** RMSE and MAE of the train job's selected rating models; ALS under the name als. */
  private List<MetricRow> ratingErrors(SparkSession spark, String wh) {
    List<MetricRow> out = new ArrayList<>();
    for (Row r :
        Tables.read(spark, wh, Tables.MODEL_METRICS, runDate)
            .filter(col(TrainSchemas.SELECTED))
            .select(TrainSchemas.MODEL, TrainSchemas.RMSE, TrainSchemas.MAE)
            .collectAsList()) {
      String model = r.getString(0).startsWith("als(") ? TrainJob.ALS : r.getString(0);
      out.add(new MetricRow(model, "rmse", null, r.getDouble(1)));
      out.add(new MetricRow(model, "mae", null, r.getDouble(2)));
    }
    return out;
  }

  private List<Report.Epoch> history(SparkSession spark, String wh) {
    List<Report.Epoch> out = new ArrayList<>();
    for (Row r :
        Tables.read(spark, wh, Tables.TRAINING_HISTORY, runDate)
            .select(
                TrainSchemas.MODEL,
                TrainSchemas.EPOCH,
                TrainSchemas.TRAIN_RMSE,
                TrainSchemas.VALIDATION_RMSE)
            .filter(col(TrainSchemas.TRAIN_RMSE).isNotNull())
            .orderBy(TrainSchemas.MODEL, TrainSchemas.EPOCH)
            .collectAsList()) {
      out.add(new Report.Epoch(r.getString(0), r.getInt(1), r.getDouble(2), r.getDouble(3)));
    }
    return out;
  }

  private Map<Double, Long> ratingCounts(SparkSession spark, String wh) {
    Map<Double, Long> out = new TreeMap<>();
    for (Row r :
        Tables.read(spark, wh, Tables.RATINGS, runDate)
            .groupBy(IngestSchemas.RATING)
            .count()
            .collectAsList()) {
      out.put(((Number) r.get(0)).doubleValue(), r.getLong(1));
    }
    return out;
  }

  /** Draws the report into a local directory and copies it to the staging directory. */
  private static void writeReport(SparkSession spark, Path staging, Report.Content content) {
    try {
      java.nio.file.Path local = Files.createTempDirectory("movierec-report");
      try {
        Report.write(local, content);
        FileSystem fs = staging.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (var files = Files.list(local)) {
          for (java.nio.file.Path f : files.sorted().toList()) {
            fs.copyFromLocalFile(
                true, true, new Path(f.toUri()), new Path(staging, f.getFileName().toString()));
          }
        }
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
  }

  /** Logs the ranking table at the first cut-off and how the served and best models compare. */
  private static void log(List<MetricRow> metrics, int k, String served) {
    Map<String, Map<String, Double>> byModel = new TreeMap<>();
    for (MetricRow m : metrics) {
      if (m.k() != null && m.k() == k && !m.metric().equals("recall_curve")) {
        byModel.computeIfAbsent(m.model(), x -> new HashMap<>()).put(m.metric(), m.value());
      }
    }
    StringBuilder sb =
        new StringBuilder("Ranking metrics @" + k + " (test split, full ranking; * = served):");
    byModel.forEach(
        (model, v) ->
            sb.append(
                String.format(
                    "%n  %-20s%s NDCG %.4f  Recall %.4f  Precision %.4f  MAP %.4f  HitRate %.4f"
                        + "  Coverage %.4f  Novelty %.2f  Diversity %.3f",
                    model,
                    model.equals(served) ? "*" : " ",
                    v.getOrDefault("ndcg", Double.NaN),
                    v.getOrDefault("recall", Double.NaN),
                    v.getOrDefault("precision", Double.NaN),
                    v.getOrDefault("map", Double.NaN),
                    v.getOrDefault("hit_rate", Double.NaN),
                    v.getOrDefault("coverage", Double.NaN),
                    v.getOrDefault("novelty", Double.NaN),
                    v.getOrDefault("diversity", Double.NaN))));
    LOG.info(sb.toString());
    byModel.entrySet().stream()
        .max(Comparator.comparingDouble(e -> e.getValue().getOrDefault("ndcg", 0.0)))
        .ifPresent(
            best ->
                LOG.info(
                    "Best by test NDCG@{}: {} ({}); served (chosen on validation) {} {};"
                        + " popularity {}, embedding {}",
                    k,
                    best.getKey(),
                    String.format("%.4f", best.getValue().get("ndcg")),
                    served,
                    String.format(
                        "%.4f",
                        byModel.getOrDefault(served, Map.of()).getOrDefault("ndcg", Double.NaN)),
                    String.format(
                        "%.4f",
                        byModel
                            .getOrDefault("popularity", Map.of())
                            .getOrDefault("ndcg", Double.NaN)),
                    String.format(
                        "%.4f",
                        byModel
                            .getOrDefault(TrainJob.EMBEDDING, Map.of())
                            .getOrDefault("ndcg", Double.NaN))));
  }
}
