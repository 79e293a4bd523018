package movierec.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import movierec.config.AppConfig;
import movierec.config.AppConfig.EvaluateConfig;
import movierec.evaluate.EvaluateSchemas;
import movierec.evaluate.ItemItem;
import movierec.evaluate.ItemScorer;
import movierec.evaluate.MetricRow;
import movierec.evaluate.RankingEvaluation;
import movierec.evaluate.Report;
import movierec.evaluate.SimilarQuality;
import movierec.ingest.IngestSchemas;
import movierec.io.PartitionCommit;
import movierec.io.Preflight;
import movierec.io.Tables;
import movierec.train.Baselines;
import movierec.train.TrainSchemas;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * evaluate: every model on the test split of {@code ratings_split}: RMSE and MAE of the rating
 * predictors (from the train job's {@code model_metrics}, measured there on the same split), and
 * full-ranking top-K metrics of the ranking models (popularity, the bias baseline, ALS, item-kNN,
 * EASE, the embedding regressor and its tutorial preset), plus the genre consistency of the
 * similar_movies methods. Writes {@code metrics} and the HTML report {@code reports/<run date>/}.
 */
public final class EvaluateJob implements Job {
  public static final String NAME = "evaluate";

  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

  private final AppConfig config;
  private final LocalDate runDate;

  public EvaluateJob(AppConfig config, LocalDate runDate, List<String> args) {
    this.config = config;
    this.runDate = runDate;
  }

  @Override
  public void preflight(Configuration hadoopConf) {
    int m = config.evaluate().easeMaxItems();
    Preflight.driverHeapFits(
        "EASE over evaluate.ease-max-items = " + m + " movies",
        ItemItem.peakBytes(m),
        String.format(
            "Raise launch.driver-memory to %dg or more, or lower evaluate.ease-max-items.",
            (2 * ItemItem.peakBytes(m) >> 30) + 2));
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
    Dataset<Row> train = split.filter(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TRAIN)).cache();

    List<Row> movieRows =
        movies
            .select(IngestSchemas.MOVIE_ID, IngestSchemas.GENRES)
            .orderBy(IngestSchemas.MOVIE_ID)
            .collectAsList();
    int[] catalog = movieRows.stream().mapToInt(r -> r.getInt(0)).toArray();
    long[] masks = genreMasks(movieRows);
    long[] popularity = new long[catalog.length];
    for (Row r : train.groupBy(TrainSchemas.MOVIE_ID).count().collectAsList()) {
      int i = Arrays.binarySearch(catalog, r.getInt(0));
      if (i >= 0) {
        popularity[i] = r.getLong(1);
      }
    }
    List<int[]> histories = new ArrayList<>();
    for (Row r :
        train
            .groupBy(TrainSchemas.USER_ID)
            .agg(collect_list(TrainSchemas.MOVIE_ID))
            .collectAsList()) {
      List<Integer> ids = r.getList(1);
      int[] h = new int[ids.size()];
      int n = 0;
      for (int id : ids) {
        int i = Arrays.binarySearch(catalog, id);
        if (i >= 0) {
          h[n++] = i;
        }
      }
      histories.add(Arrays.copyOf(h, n));
    }
    long trainUsers = histories.size();

    List<ItemScorer> models = new ArrayList<>();
    models.add(new ItemScorer.Static("popularity", toFloat(popularity)));
    models.add(new ItemScorer.Static("bias", movieBiases(train, catalog)));
    long t0 = System.nanoTime();
    ItemItem.Gram gram = ItemItem.gram(histories, popularity, ec.easeMaxItems());
    models.add(ItemItem.knn("item_knn", gram, ec.knnNeighbours()));
    LOG.info("Co-rating counts of {} movies and item-kNN in {} s", gram.m(), secs(t0));
    t0 = System.nanoTime();
    models.add(ItemItem.ease("ease", gram, ec.easeLambda()));
    LOG.info("EASE (lambda {}) over {} movies in {} s", ec.easeLambda(), gram.m(), secs(t0));
    List<Dataset<Row>> vectors = new ArrayList<>();
    for (String m : vectorModels(movieVectors)) {
      models.add(vectorScorer(movieVectors, m, catalog));
      vectors.add(userVectors.filter(col(TrainSchemas.MODEL).equalTo(m)));
    }

    t0 = System.nanoTime();
    RankingEvaluation.Result ranking =
        RankingEvaluation.run(
            spark,
            split,
            vectors,
            new RankingEvaluation.Context(catalog, popularity, trainUsers, masks, models),
            ec.ks(),
            ec.curveKs(),
            ec.relevantThreshold());
    LOG.info(
        "Ranked {} models for {} users ({} test users without a relevant item left out) in {} s",
        models.size(),
        ranking.evaluated(),
        ranking.excluded(),
        secs(t0));
    train.unpersist();

    List<MetricRow> metrics = new ArrayList<>(ratingErrors(spark, wh));
    metrics.addAll(ranking.rows());
    metrics.add(new MetricRow("all", "users_evaluated", null, ranking.evaluated()));
    metrics.add(new MetricRow("all", "users_excluded", null, ranking.excluded()));
    metrics.addAll(
        SimilarQuality.compute(Tables.read(spark, wh, Tables.SIMILAR_MOVIES, runDate), movies));
    log(metrics, ec.ks().get(0));

    Report.Content content =
        new Report.Content(
            runDate,
            metrics,
            history(spark, wh),
            ratingCounts(spark, wh),
            ranking.evaluated(),
            ranking.excluded());
    List<Row> rows = new ArrayList<>();
    metrics.forEach(m -> rows.add(RowFactory.create(m.model(), m.metric(), m.k(), m.value())));
    Path reportDir = new Path(Tables.table(wh, Tables.REPORTS), runDate.toString());
    try (PartitionCommit commit = new PartitionCommit(spark, wh, runDate)) {
      commit.stage(
          Tables.METRICS, spark.createDataFrame(rows, EvaluateSchemas.METRICS).coalesce(1));
      commit.stageDirectory(reportDir, dir -> writeReport(spark, dir, content));
      commit.commit();
    }
    LOG.info("Metrics and report written for {}: {}/index.html", runDate, reportDir);
  }

  private static double secs(long t0) {
    return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
  }

  private static float[] toFloat(long[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = v[i];
    }
    return f;
  }

  /** Genre sets as bit masks over the sorted genre vocabulary (MovieLens has about 20). */
  private static long[] genreMasks(List<Row> movieRows) {
    TreeSet<String> vocab = new TreeSet<>();
    movieRows.forEach(r -> vocab.addAll(r.getList(1)));
    if (vocab.size() > 64) {
      throw new IllegalStateException(
          "genre diversity supports up to 64 genres; the movies table has " + vocab.size());
    }
    List<String> order = new ArrayList<>(vocab);
    long[] masks = new long[movieRows.size()];
    for (int i = 0; i < masks.length; i++) {
      for (Object g : movieRows.get(i).getList(1)) {
        masks[i] |= 1L << order.indexOf((String) g);
      }
    }
    return masks;
  }

  private float[] movieBiases(Dataset<Row> train, int[] catalog) {
    AppConfig.BaselineConfig bc = config.train().baselines();
    Baselines.Biases b = Baselines.fitBiases(train, bc.biasRegularization(), bc.biasIterations());
    float[] out = new float[catalog.length];
    for (Row r : b.movies().select(TrainSchemas.MOVIE_ID, Baselines.MOVIE_BIAS).collectAsList()) {
      int i = Arrays.binarySearch(catalog, r.getInt(0));
      if (i >= 0) {
        out[i] = (float) r.getDouble(1);
      }
    }
    return out;
  }

  private static List<String> vectorModels(Dataset<Row> movieVectors) {
    return movieVectors
        .select(TrainSchemas.MODEL)
        .distinct()
        .orderBy(TrainSchemas.MODEL)
        .as(Encoders.STRING())
        .collectAsList();
  }

  /** A vector model's item side on the driver; movies it has no vector for are never ranked. */
  private static ItemScorer vectorScorer(Dataset<Row> movieVectors, String model, int[] catalog) {
    List<Row> rows =
        movieVectors
            .filter(col(TrainSchemas.MODEL).equalTo(model))
            .select(TrainSchemas.ID, TrainSchemas.VECTOR, TrainSchemas.BIAS)
            .collectAsList();
    int dim = rows.isEmpty() ? 0 : rows.get(0).getList(1).size();
    float[] items = new float[catalog.length * dim];
    float[] bias = new float[catalog.length];
    Arrays.fill(bias, Float.NaN);
    for (Row r : rows) {
      int i = Arrays.binarySearch(catalog, r.getInt(0));
      if (i < 0) {
        continue;
      }
      List<Float> v = r.getList(1);
      for (int k = 0; k < dim; k++) {
        items[i * dim + k] = v.get(k);
      }
      bias[i] = r.getFloat(2);
    }
    return new ItemScorer.Vectors(model, dim, items, bias);
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

  /** Logs the ranking table at the first cut-off and how the best model compares. */
  private static void log(List<MetricRow> metrics, int k) {
    Map<String, Map<String, Double>> byModel = new TreeMap<>();
    for (MetricRow m : metrics) {
      if (m.k() != null && m.k() == k && !m.metric().equals("recall_curve")) {
        byModel.computeIfAbsent(m.model(), x -> new HashMap<>()).put(m.metric(), m.value());
      }
    }
    StringBuilder sb = new StringBuilder("Ranking metrics @" + k + " (test split, full ranking):");
    byModel.forEach(
        (model, v) ->
            sb.append(
                String.format(
                    "%n  %-20s NDCG %.4f  Recall %.4f  Precision %.4f  MAP %.4f  HitRate %.4f"
                        + "  Coverage %.4f  Novelty %.2f  Diversity %.3f",
                    model,
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
                    "Best by NDCG@{}: {} ({}); popularity {}, embedding {}",
                    k,
                    best.getKey(),
                    String.format("%.4f", best.getValue().get("ndcg")),
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
