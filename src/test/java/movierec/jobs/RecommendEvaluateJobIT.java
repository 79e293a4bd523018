package movierec.jobs;

import static movierec.jobs.IngestTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import movierec.Main;
import movierec.SparkTestSupport;
import movierec.evaluate.EvaluateTables;
import movierec.ingest.IngestTables;
import movierec.io.Table;
import movierec.io.Tables;
import movierec.recommend.RecommendTables;
import movierec.train.ModelNames;
import movierec.train.TrainTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * recommend, evaluate and recommend-for end to end on the shared sample of the real ML-1M files
 * ({@link Ml1mSampleRun}: ratings of users 1 to 150; users 1 to 300 and all 3,883 movies, so half
 * the users are cold-start).
 */
@Order(3)
class RecommendEvaluateJobIT {
  private static final LocalDate DAY = Ml1mSampleRun.DAY;
  private static SparkSession spark;
  private static Path warehouse;

  /** The run's own (Delta) warehouse, and a Parquet copy of what recommend-for reads. */
  private static List<String> conf;

  private static List<String> parquetConf;

  @TempDir static Path tmp;

  @BeforeAll
  static void runStages() throws IOException {
    spark = SparkTestSupport.spark();
    warehouse = Ml1mSampleRun.get().warehouse;
    conf =
        List.of(
            "--config-file",
            Ml1mSampleRun.settingsFile().toString(),
            "--conf",
            "warehouse.path=" + warehouse,
            "--conf",
            "warehouse.format=delta");
    parquetConf =
        List.of(
            "--config-file",
            Ml1mSampleRun.settingsFile().toString(),
            "--conf",
            "warehouse.path=" + parquetCopy());
  }

  /**
   * The tables recommend-for reads, copied from the Delta run into a Parquet warehouse as an
   * operator would export them, with the run's model files and manifests: both must give the same
   * answers.
   */
  private static Path parquetCopy() throws IOException {
    Path copy = tmp.resolve("parquet-warehouse");
    for (Table t :
        List.of(
            IngestTables.USERS,
            IngestTables.MOVIES,
            IngestTables.RATINGS,
            TrainTables.MOVIE_VECTORS,
            RecommendTables.USER_TOP_MOVIES,
            RecommendTables.SIMILAR_MOVIES,
            RecommendTables.ALSO_LIKED)) {
      spark
          .read()
          .format("delta")
          .load(warehouse.resolve(t.name()).toString())
          .write()
          .partitionBy(Tables.RUN_DATE)
          .parquet(copy.resolve(t.name()).toString());
    }
    for (String dir : List.of(TrainTables.MODELS, "_runs")) {
      IngestTestSupport.copyTree(warehouse.resolve(dir), copy.resolve(dir));
    }
    return copy;
  }

  private static Dataset<Row> t(Table table) {
    return table(spark, warehouse, table, DAY.toString());
  }

  @Test
  void theModelServedIsTheBestOnValidationAndEveryUserGetsOneListOfUnratedMovies() {
    Dataset<Row> selection =
        t(RecommendTables.MODEL_SELECTION).filter("metric = 'ndcg' and k = 10");
    Map<String, Double> validation = new HashMap<>();
    String chosen = null;
    for (Row r : selection.collectAsList()) {
      assertEquals("validation", r.getString(4));
      validation.put(r.getString(0), r.getDouble(3));
      if (r.getBoolean(5)) {
        assertEquals(null, chosen, "one model is served");
        chosen = r.getString(0);
      }
    }
    // The candidates, and the blend of the best fitted and the best vector model.
    assertEquals(
        Set.of(
            "popularity", "item_knn", "ease", "sparse_ease", "embedding", "als", "ranker", "blend"),
        validation.keySet());
    assertEquals(
        1.0,
        t(RecommendTables.MODEL_SELECTION)
            .filter("model = 'blend' and metric like 'weight_%'")
            .agg(org.apache.spark.sql.functions.sum("value"))
            .first()
            .getDouble(0),
        1e-12,
        "the blend's two weights");
    double best = validation.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertEquals(best, validation.get(chosen), "served: the best NDCG@10 on validation");

    Dataset<Row> top = t(RecommendTables.USER_TOP_MOVIES).filter("served");
    Set<String> rated =
        Set.copyOf(
            t(IngestTables.RATINGS)
                .select("user_id")
                .distinct()
                .selectExpr("cast(user_id as string)")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
    for (Row r : top.groupBy("user_id", "model").count().collectAsList()) {
      boolean hasRatings = rated.contains(String.valueOf(r.getInt(0)));
      // A model fitted from ratings cannot score a user without any: the vector model does.
      String expected =
          hasRatings
                  || !Set.of("popularity", "bias", "item_knn", "ease", "sparse_ease", "blend")
                      .contains(chosen)
              ? chosen
              : "embedding";
      assertEquals(expected, r.getString(1), "user " + r.getInt(0));
    }
    assertEquals(
        Ml1mSampleRun.USERS, top.select("user_id").distinct().count(), "cold-start users included");
    assertEquals(Ml1mSampleRun.USERS * 50L, top.count());
    assertEquals(
        0,
        top.groupBy("user_id")
            .agg(
                org.apache.spark.sql.functions.countDistinct("movie_id").as("n"),
                org.apache.spark.sql.functions.min("rank").as("lo"),
                org.apache.spark.sql.functions.max("rank").as("hi"))
            .filter("n != 50 or lo != 1 or hi != 50")
            .count());
    Dataset<Row> ratings = t(IngestTables.RATINGS).select("user_id", "movie_id");
    assertEquals(
        0,
        top.join(ratings, new String[] {"user_id", "movie_id"}).count(),
        "a rated movie is never recommended");
    Dataset<Row> next =
        top.withColumnRenamed("score", "s2")
            .withColumn("rank", org.apache.spark.sql.functions.expr("rank - 1"));
    assertEquals(
        0,
        top.join(next.select("user_id", "rank", "s2"), new String[] {"user_id", "rank"})
            .filter("s2 > score")
            .count(),
        "scores fall with rank");
  }

  @Test
  void similarMoviesHasFourMethodsAndNoMovieIsItsOwnNeighbour() {
    Dataset<Row> s = t(RecommendTables.SIMILAR_MOVIES);
    assertEquals(
        Set.of("embedding", "co_rating", "content", "blended"),
        Set.copyOf(
            s.select("method")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()));
    assertEquals(0, s.filter("movie_id = neighbor_id").count());
    assertEquals(3883, s.filter("method = 'embedding'").select("movie_id").distinct().count());
  }

  @Test
  void alsoLikedBothWaysWithSupport() {
    Dataset<Row> a = t(RecommendTables.ALSO_LIKED);
    assertTrue(a.filter("method = 'tutorial'").count() > 0);
    assertTrue(a.filter("method = 'co_rating'").count() > 0);
    assertEquals(0, a.filter("movie_id = neighbor_id").count());
    assertEquals(0, a.filter("method = 'co_rating' and support < 5").count());
    // Support of a co-rating pair = users who rated both at least 4, checked for one pair.
    Row r = a.filter("method = 'co_rating' and rank = 1").orderBy("movie_id").first();
    Dataset<Row> likes = t(IngestTables.RATINGS).filter("rating >= 4");
    long both =
        likes
            .filter("movie_id = " + r.getInt(0))
            .select("user_id")
            .intersect(likes.filter("movie_id = " + r.getInt(3)).select("user_id"))
            .count();
    assertEquals(both, r.getInt(5));
  }

  @Test
  void segmentListsForEverySegmentAndGenre() {
    Dataset<Row> seg = t(RecommendTables.SEGMENT_TOP_MOVIES);
    long segments =
        seg.filter("segment_type = 'demographic'")
            .select("gender", "age", "occupation")
            .distinct()
            .count();
    assertEquals(2L * 7 * 21, segments, "gender x age bucket x occupation");
    assertEquals(
        0,
        seg.filter("segment_type = 'demographic'")
            .groupBy("gender", "age", "occupation")
            .count()
            .filter("count != 50")
            .count());
    long genres = t(IngestTables.MOVIES).selectExpr("explode(genres)").distinct().count();
    assertEquals(genres, seg.filter("segment_type = 'genre'").select("genre").distinct().count());
    assertEquals(
        0,
        seg.filter("segment_type = 'genre'")
            .join(t(IngestTables.MOVIES), "movie_id")
            .filter("not array_contains(genres, genre)")
            .count(),
        "a genre list holds that genre");
  }

  @Test
  void metricsForEveryModelAndTheReport() throws IOException {
    Dataset<Row> every = t(EvaluateTables.METRICS);
    Dataset<Row> m = every.filter("split = 'test'");
    Map<String, Double> ndcg = new HashMap<>();
    for (Row r : m.filter("metric = 'ndcg' and k = 10").collectAsList()) {
      ndcg.put(r.getString(0), r.getDouble(3));
    }
    assertEquals(
        Set.of(
            "popularity",
            "bias",
            "als",
            "item_knn",
            "ease",
            "sparse_ease",
            "embedding",
            ModelNames.TUTORIAL,
            "ranker",
            "blend"),
        ndcg.keySet());
    ndcg.values().forEach(v -> assertTrue(v >= 0 && v <= 1, ndcg.toString()));
    // Each NDCG has its interval over users around it, and each model but EASE its paired
    // difference against EASE.
    for (Row r : m.filter("metric in ('ndcg', 'recall')").collectAsList()) {
      double low = r.getAs("ci_low");
      double high = r.getAs("ci_high");
      double v = r.getAs("value");
      assertTrue(low <= v && v <= high && low < high, r.toString());
    }
    assertEquals(
        ndcg.size() - 1, m.filter("metric = 'ndcg_vs_ease' and k = 10").count(), "vs EASE");
    assertTrue(ndcg.get("ease") > ndcg.get("bias"), ndcg.toString());
    assertEquals(popularityNdcgAt10(), ndcg.get("popularity"), 1e-9, "the whole assembly");
    Dataset<Row> heldOut = every.filter("metric like 'held_out_%' and k = 10");
    assertEquals(
        Set.of(
            "similar_movies/embedding",
            "similar_movies/co_rating",
            "similar_movies/content",
            "similar_movies/blended"),
        Set.copyOf(
            heldOut
                .select("model")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()));
    assertEquals(8, heldOut.filter("value between 0 and 1").count(), "precision and recall each");
    for (String metric :
        List.of("precision", "recall", "map", "hit_rate", "coverage", "novelty", "diversity")) {
      for (int k : List.of(10, 20)) {
        assertEquals(
            ndcg.size(),
            m.filter("metric = '" + metric + "' and k = " + k).count(),
            metric + "@" + k);
      }
    }
    assertEquals(
        Set.of("global_mean", "bias", "als", "embedding", ModelNames.TUTORIAL),
        m
            .filter("metric = 'rmse'")
            .select("model")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList()
            .stream()
            .collect(Collectors.toSet()));
    // recommend's validation figures are kept beside the test figures, the served model marked.
    assertEquals(
        t(RecommendTables.MODEL_SELECTION).count(),
        every.filter("split = 'validation' and metric != 'rmse'").count());
    assertEquals(
        0,
        every.filter("split = 'validation' and metric != 'rmse'").except(validationRows()).count(),
        "the same validation rows as model_selection");
    assertEquals(
        Set.of(
            t(RecommendTables.MODEL_SELECTION)
                .filter("served")
                .select("model")
                .first()
                .getString(0)),
        Set.copyOf(
            every
                .filter("served")
                .select("model")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()));
    // Users without a relevant test rating are left out and counted.
    Dataset<Row> test = t(TrainTables.RATINGS_SPLIT).filter("split = 'test'");
    long withRelevant = test.filter("rating >= 4").select("user_id").distinct().count();
    long all = test.select("user_id").distinct().count();
    assertEquals(withRelevant, value(m, "users_evaluated"));
    assertEquals(all - withRelevant, value(m, "users_excluded"));

    Path report = warehouse.resolve("reports").resolve(DAY.toString());
    String html = Files.readString(report.resolve("index.html"));
    List<Path> charts;
    try (var files = Files.list(report)) {
      charts = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
    }
    assertTrue(charts.size() >= 12, charts.toString());
    for (String name :
        List.of("learning_curves", "rating_distribution", "recall_curve", "metric_ndcg")) {
      assertTrue(Files.exists(report.resolve(name + ".png")), name);
    }
    for (Path c : charts) {
      assertTrue(html.contains("src=\"" + c.getFileName() + "\""), "index.html shows " + c);
      byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(c), 4);
      assertEquals("\u0089PNG", new String(head, StandardCharsets.ISO_8859_1), c.toString());
    }
  }

  private static Dataset<Row> validationRows() {
    return t(RecommendTables.MODEL_SELECTION);
  }

  /**
   * Popularity's test NDCG@10 worked out from the written split alone: movies ranked by their
   * number of training ratings (ties to the lower id), each user's training and validation movies
   * left out, a test rating of 4 or more relevant, averaged over the users with one.
   */
  private static double popularityNdcgAt10() {
    Map<Integer, Long> count = new HashMap<>();
    Map<Integer, Set<Integer>> seen = new HashMap<>();
    Map<Integer, Set<Integer>> relevant = new HashMap<>();
    for (Row r : t(TrainTables.RATINGS_SPLIT).collectAsList()) {
      int user = r.getAs("user_id");
      int movie = r.getAs("movie_id");
      String split = r.getAs("split");
      if (split.equals("test")) {
        if ((double) r.getAs("rating") >= 4) {
          relevant.computeIfAbsent(user, u -> new HashSet<>()).add(movie);
        }
      } else {
        seen.computeIfAbsent(user, u -> new HashSet<>()).add(movie);
        if (split.equals("train")) {
          count.merge(movie, 1L, Long::sum);
        }
      }
    }
    List<Integer> catalog =
        t(IngestTables.MOVIES)
            .select("movie_id")
            .as(org.apache.spark.sql.Encoders.INT())
            .collectAsList();
    List<Integer> ranked =
        catalog.stream()
            .sorted(
                java.util.Comparator.<Integer>comparingLong(m -> -count.getOrDefault(m, 0L))
                    .thenComparing(m -> m))
            .toList();
    double sum = 0;
    for (Map.Entry<Integer, Set<Integer>> e : relevant.entrySet()) {
      Set<Integer> skip = seen.getOrDefault(e.getKey(), Set.of());
      List<Integer> top = ranked.stream().filter(m -> !skip.contains(m)).limit(10).toList();
      double dcg = 0;
      double ideal = 0;
      for (int i = 0; i < 10; i++) {
        double gain = 1 / (Math.log(i + 2) / Math.log(2));
        dcg += e.getValue().contains(top.get(i)) ? gain : 0;
        ideal += i < e.getValue().size() ? gain : 0;
      }
      sum += dcg / ideal;
    }
    return sum / relevant.size();
  }

  private static double value(Dataset<Row> m, String metric) {
    return m.filter("metric = '" + metric + "'").first().getDouble(3);
  }

  /** Runs Main with recommend-for on the Delta warehouse; returns {exit code, stdout, stderr}. */
  private static Object[] recommendFor(String... args) {
    return recommendFor(conf, args);
  }

  private static Object[] recommendFor(List<String> warehouse, String... args) {
    List<String> all = new ArrayList<>(List.of("recommend-for", "--run-date", DAY.toString()));
    all.addAll(List.of(args));
    all.addAll(warehouse);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code =
          Main.run(
              all.toArray(String[]::new),
              System.out,
              new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setOut(saved);
    }
    return new Object[] {
      code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void recommendForPrintsTitlesAndExitsOneForUnknownIds() {
    Object[] user = recommendFor("--user", "5");
    assertEquals(0, user[0], user[2].toString());
    List<String> lines = user[1].toString().lines().toList();
    assertTrue(
        lines.get(0).matches("Top movies for user 5 \\([MF], age \\d+, occupation \\d+\\), .*"),
        lines.get(0));
    assertEquals(11, lines.size(), user[1].toString());
    assertTrue(
        lines.get(1).matches("\\s+1\\. +-?\\d+\\.\\d{3}  .+ \\(\\d{4}\\)  \\[.+\\]"), lines.get(1));

    Object[] similar = recommendFor("--movie", "1", "--similar", "--top", "5");
    assertEquals(0, similar[0], similar[2].toString());
    assertTrue(
        similar[1].toString().startsWith("Movies similar to Toy Story (1995)"),
        similar[1].toString());
    Object[] also = recommendFor("--movie", "1", "--also-liked", "--method", "tutorial");
    assertEquals(0, also[0], also[2].toString());
    assertTrue(also[1].toString().contains(" users)"), also[1].toString());

    Object[] newUser =
        recommendFor("--new-user", "gender=F,age=25,occupation=4,genres=Comedy|Romance");
    assertEquals(0, newUser[0], newUser[2].toString());
    newUser[1]
        .toString()
        .lines()
        .skip(1)
        .forEach(l -> assertTrue(l.contains("Comedy") || l.contains("Romance"), l));

    Object[] a = recommendFor("--user", "234", "--pick", "5", "--from", "20", "--seed", "7");
    Object[] b = recommendFor("--user", "234", "--pick", "5", "--from", "20", "--seed", "7");
    assertEquals(0, a[0], a[2].toString());
    assertEquals(a[1], b[1], "same seed, same picks");
    assertEquals(6, a[1].toString().lines().count());

    for (String[] unknown :
        new String[][] {{"--user", "999999"}, {"--movie", "999999", "--similar"}}) {
      Object[] r = recommendFor(unknown);
      assertEquals(1, r[0], String.join(" ", unknown));
      assertTrue(r[2].toString().contains("999999 is not in the"), r[2].toString());
      assertFalse(r[2].toString().contains("Exception"), "no stack trace: " + r[2]);
    }
    assertEquals(2, recommendFor("--user", "abc")[0], "bad usage exits 2");
  }

  @Test
  void recommendForGivesTheSameAnswersFromDeltaAndFromParquet() {
    for (String[] q :
        new String[][] {
          {"--user", "5"},
          {"--movie", "1", "--similar"},
          {"--movie", "1", "--also-liked"},
          {"--new-user", "gender=M,age=35,genres=Drama"}
        }) {
      Object[] delta = recommendFor(conf, q);
      Object[] parquet = recommendFor(parquetConf, q);
      assertEquals(0, delta[0], delta[2].toString());
      assertEquals(parquet[1], delta[1], String.join(" ", q));
    }
  }
}
