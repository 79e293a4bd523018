package movierec.jobs;

import static movierec.jobs.IngestTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import movierec.SparkTestSupport;
import movierec.ingest.IngestTables;
import movierec.io.Table;
import movierec.io.Tables;
import movierec.model.ModelIo;
import movierec.model.ModelState;
import movierec.train.Baselines;
import movierec.train.DistributedTrainer;
import movierec.train.ModelNames;
import movierec.train.TrainConfig;
import movierec.train.TrainSchemas;
import movierec.train.TrainTables;
import movierec.train.TrainingData;
import movierec.train.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train job end to end on the shared sample of the real ML-1M files ({@link Ml1mSampleRun}:
 * every rating of users 1 to 150, users 1 to 300 and all 3,883 movies, so half the users and some
 * movies are real cold-start entities).
 */
@Order(2)
class TrainJobIT {
  private static final LocalDate DAY = Ml1mSampleRun.DAY;
  private static final int MAX_USER = Ml1mSampleRun.MAX_USER;
  private static SparkSession spark;
  private static AppConfig config;
  @TempDir static Path tmp;
  private static Path warehouse;

  @BeforeAll
  static void runStages() {
    spark = SparkTestSupport.spark();
    Ml1mSampleRun run = Ml1mSampleRun.get();
    warehouse = run.warehouse;
    config = run.config;
  }

  private static Dataset<Row> t(Table table) {
    return table(spark, warehouse, table, DAY.toString());
  }

  @Test
  void splitCoversEveryRatingOnce() {
    Dataset<Row> split = t(TrainTables.RATINGS_SPLIT);
    long ratings = t(IngestTables.RATINGS).count();
    assertEquals(ratings, split.count());
    assertEquals(ratings, split.select("user_id", "movie_id").distinct().count());
    double test = split.filter("split = 'test'").count() / (double) ratings;
    double validation = split.filter("split = 'validation'").count() / (double) ratings;
    assertEquals(0.10, test, 0.01, "test fraction");
    assertEquals(0.05, validation, 0.01, "validation fraction");
  }

  @Test
  void everyModelIsScoredOnTheSameTestSplit() {
    Map<String, Double> rmse = new HashMap<>();
    for (Row r : t(TrainTables.MODEL_METRICS).collectAsList()) {
      double v = r.getAs(TrainSchemas.RMSE);
      assertTrue(Double.isFinite(v) && v > 0, r.toString());
      rmse.put(r.getAs(TrainSchemas.MODEL), v);
    }
    assertEquals(
        java.util.Set.of(
            "global_mean",
            "bias",
            "als(rank=5,reg=0.1)",
            ModelNames.EMBEDDING,
            ModelNames.TUTORIAL),
        rmse.keySet());
    assertTrue(rmse.get("bias") < rmse.get("global_mean"), rmse.toString());
    assertTrue(rmse.get(ModelNames.EMBEDDING) < rmse.get("global_mean"), rmse.toString());
    // detail is JSON an analyst can take apart
    Map<String, String> details = new HashMap<>();
    for (Row r :
        t(TrainTables.MODEL_METRICS)
            .selectExpr(
                "model",
                "concat_ws(' ', get_json_object(detail, '$.rank'),"
                    + " get_json_object(detail, '$.role'),"
                    + " get_json_object(detail, '$.config.batchSize'),"
                    + " get_json_object(detail, '$.config.objective'),"
                    + " get_json_object(detail, '$.sweeps'))")
            .collectAsList()) {
      details.put(r.getString(0), r.getString(1));
    }
    assertEquals("5 selected on validation RMSE", details.get("als(rank=5,reg=0.1)"));
    assertEquals(config.train().model().batchSize() + " rating", details.get(ModelNames.EMBEDDING));
    assertEquals("10", details.get("bias"));

    // The written split's test rows give the reported RMSE back: the mean of its training rows,
    // and the regressor's prediction from its written vectors (dot + biases + the model file's
    // global mean, clipped to the training scale), scored on exactly those rows.
    t(TrainTables.RATINGS_SPLIT).createOrReplaceTempView("split");
    Row mean =
        spark
            .sql("select avg(rating), min(rating), max(rating) from split where split = 'train'")
            .first();
    double recomputed =
        spark
            .sql(
                "select sqrt(avg(pow(rating - "
                    + mean.getDouble(0)
                    + ", 2))) from split where split = 'test'")
            .first()
            .getDouble(0);
    assertEquals(recomputed, rmse.get("global_mean"), 1e-9, "global_mean on the test split");
    ModelState s =
        ModelIo.load(
            new org.apache.hadoop.fs.Path(
                warehouse
                    .resolve(TrainTables.MODELS)
                    .resolve(Tables.partitionDirName(DAY))
                    .resolve("embedding.model")
                    .toUri()),
            spark.sparkContext().hadoopConfiguration());
    t(TrainTables.USER_VECTORS).filter("model = 'embedding'").createOrReplaceTempView("uv");
    t(TrainTables.MOVIE_VECTORS).filter("model = 'embedding'").createOrReplaceTempView("mv");
    double embedding =
        spark
            .sql(
                "select sqrt(avg(pow(rating - least("
                    + mean.getDouble(2)
                    + ", greatest("
                    + mean.getDouble(1)
                    + ", "
                    + s.globalMean()
                    + " + u.bias + m.bias"
                    + " + aggregate(zip_with(u.vector, m.vector, (a, b) -> cast(a as double) * b),"
                    + " 0d, (acc, x) -> acc + x))), 2)))"
                    + " from split r join uv u using (user_id) join mv m using (movie_id)"
                    + " where r.split = 'test'")
            .first()
            .getDouble(0);
    assertEquals(embedding, rmse.get(ModelNames.EMBEDDING), 1e-4, "embedding on the test split");
    Dataset<Row> h = t(TrainTables.TRAINING_HISTORY);
    assertEquals(
        5, h.filter("model = '" + ModelNames.TUTORIAL + "'").count(), "tutorial: 5 epochs");
    long ours = h.filter("model = '" + ModelNames.EMBEDDING + "'").count();
    assertTrue(ours >= 1 && ours <= 3, "epochs " + ours);
    assertEquals(0, h.filter("samples_per_second <= 0 or isnan(validation_rmse)").count());
  }

  @Test
  void theRankerIsTrainedForRankingAndKeptByValidationNdcg() {
    Dataset<Row> h = t(TrainTables.TRAINING_HISTORY).filter("model = '" + ModelNames.RANKER + "'");
    assertEquals(2, h.count(), "two epochs");
    assertEquals(0, h.filter("train_rmse is not null or validation_rmse is not null").count());
    assertEquals(
        0,
        h.filter("not (train_cross_entropy > 0) or not (validation_ndcg between 0 and 1)").count(),
        h.collectAsList().toString());
    assertEquals(
        0,
        t(TrainTables.MODEL_METRICS).filter("model = '" + ModelNames.RANKER + "'").count(),
        "a ranking model has no RMSE");
    Dataset<Row> users = t(TrainTables.USER_VECTORS).filter("model = '" + ModelNames.RANKER + "'");
    assertEquals(Ml1mSampleRun.USERS, users.count());
    assertEquals(0, users.filter("bias != 0").count(), "the ranker has no biases");
    assertEquals(3883, t(TrainTables.MOVIE_VECTORS).filter("model = 'ranker'").count());
  }

  @Test
  void vectorsForEveryUserAndMovieWithColdStartFlagged() {
    Dataset<Row> users = t(TrainTables.USER_VECTORS).filter("model = 'embedding'");
    assertEquals(Ml1mSampleRun.USERS, users.count());
    assertEquals(
        users.filter("user_id > " + MAX_USER).count(),
        users.filter("cold_start").count(),
        "users without ratings, and only they, are cold-start");
    Dataset<Row> movies = t(TrainTables.MOVIE_VECTORS).filter("model = 'embedding'");
    assertEquals(3883, movies.count());
    long cold = movies.filter("cold_start").count();
    long unrated =
        3883
            - t(TrainTables.RATINGS_SPLIT)
                .filter("split = 'train'")
                .select("movie_id")
                .distinct()
                .count();
    assertEquals(unrated, cold, "movies without training ratings are cold-start");
    for (Dataset<Row> v : List.of(users, movies)) {
      assertEquals(0, v.filter("size(vector) != 200").count());
      assertEquals(
          0,
          v.filter("exists(vector, x -> isnan(x) or abs(x) > 1) or isnan(bias)").count(),
          "finite tanh outputs");
    }
    Row cold1 = users.filter("user_id = 300").first();
    Row cold2 = users.filter("user_id = 151").first();
    assertTrue(
        !cold1.getList(cold1.fieldIndex("vector")).equals(cold2.getList(cold2.fieldIndex("vector")))
            == !sameDemographics(300, 151),
        "cold-start vectors come from demographics alone");
  }

  @Test
  void modelFilesLoadAndReproduceTheVectorTable() {
    Path dir = warehouse.resolve(TrainTables.MODELS).resolve(Tables.partitionDirName(DAY));
    ModelState s =
        ModelIo.load(
            new org.apache.hadoop.fs.Path(dir.resolve("embedding.model").toUri()),
            spark.sparkContext().hadoopConfiguration());
    assertEquals(config.train().model(), s.config());
    assertTrue(Files.exists(dir.resolve(ModelNames.TUTORIAL + ".model")));
    assertEquals(MAX_USER, s.space().userIds().length, "id rows only for users with ratings");
    try (TrainingData data =
        TrainingData.prepare(
            spark,
            t(IngestTables.RATINGS),
            t(IngestTables.USERS),
            t(IngestTables.MOVIES),
            List.of(),
            config.train())) {
      var jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
      var loaded = jsc.broadcast(s);
      for (var side : List.of(Vectors.Side.USER, Vectors.Side.MOVIE)) {
        Table table =
            side == Vectors.Side.USER ? TrainTables.USER_VECTORS : TrainTables.MOVIE_VECTORS;
        Column[] cols =
            java.util.Arrays.stream(side.schema().fieldNames())
                .map(functions::col)
                .toArray(Column[]::new);
        Dataset<Row> written =
            t(table).filter(functions.col(TrainSchemas.MODEL).equalTo("embedding")).select(cols);
        Dataset<Row> fromFile =
            Vectors.of(spark, side, loaded, data.broadcast, "embedding", 2).select(cols);
        assertTrue(written.count() > MAX_USER, table.name());
        assertEquals(written.count(), fromFile.count(), table.name());
        assertEquals(
            0L,
            written.exceptAll(fromFile).count(),
            table + ": every vector, bias and cold flag computed again from the model file");
      }
    }
  }

  @Test
  void sameSeedSameVectorsAndAKilledRunResumes() {
    TrainConfig tc = config.train();
    try (TrainingData data =
        TrainingData.prepare(
            spark,
            t(IngestTables.RATINGS),
            t(IngestTables.USERS),
            t(IngestTables.MOVIES),
            List.of(),
            tc)) {
      double mean = Baselines.globalMean(data.train);
      var jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
      var model = tc.model().withMaxEpochs(3);
      DistributedTrainer.Result whole =
          DistributedTrainer.of(jsc, data, Optional.empty())
              .train("whole", model, data.space, mean);
      org.apache.hadoop.fs.Path ckpt = new org.apache.hadoop.fs.Path(tmp.resolve("ckpt").toUri());
      DistributedTrainer killed =
          DistributedTrainer.of(jsc, data, Optional.of(ckpt))
              .onEpochEnd(
                  e -> {
                    if (e == 2) {
                      throw new IllegalStateException("killed after epoch 2");
                    }
                  });
      assertThrows(IllegalStateException.class, () -> killed.train("run", model, data.space, mean));
      DistributedTrainer.Result resumed =
          DistributedTrainer.of(jsc, data, Optional.of(ckpt))
              .onEpochEnd(e -> assertEquals(3, e, "only epoch 3 runs after the resume"))
              .train("run", model, data.space, mean);
      assertEquals(scores(whole), scores(resumed));
      double[] a = vector(whole.best());
      double[] b = vector(resumed.best());
      assertArrayEquals(a, b, 0.0, "resumed run ends with the same model");
    }
  }

  private static List<List<Double>> scores(DistributedTrainer.Result r) {
    return r.history().stream()
        .map(e -> List.of((double) e.epoch(), e.trainLoss(), e.validation()))
        .toList();
  }

  private static boolean sameDemographics(int a, int b) {
    List<Row> rows =
        t(IngestTables.USERS)
            .filter("user_id in (" + a + ", " + b + ")")
            .select("gender", "age", "occupation")
            .collectAsList();
    return rows.get(0).equals(rows.get(1));
  }

  private static double[] vector(ModelState s) {
    var m = s.toModel();
    var b = new movierec.model.Batch(1, s.space().genreSlots(), s.config().titleLength());
    b.setUser(0, 1, 1, 1, 1);
    b.setSize(1);
    return m.userTower(b).clone();
  }
}
