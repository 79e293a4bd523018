package movierec.jobs;

import static movierec.jobs.IngestTestSupport.config;
import static movierec.jobs.IngestTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import movierec.SparkTestSupport;
import movierec.cli.UsageException;
import movierec.generate.Ml1mShape;
import movierec.ingest.IngestTables;
import movierec.train.ModelNames;
import movierec.train.TrainSchemas;
import movierec.train.TrainTables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate on a small shape: the files are in the ML-1M layout that ingest reads with no rejects,
 * the totals are exact, the output is a function of the seed, and what is in the ratings can be
 * learnt (the embedding regressor beats the bias baseline).
 */
class GenerateJobTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
  private static final List<String> SHAPE =
      List.of("--users", "1_000", "--movies", "400", "--ratings", "60k", "--seed", "11");

  @TempDir static Path dir;
  private static SparkSession spark;
  private static Path data;

  @BeforeAll
  static void generate() {
    spark = SparkTestSupport.spark();
    data = dir.resolve("synthetic");
    run(data, SHAPE);
  }

  private static void run(Path out, List<String> shape) {
    List<String> args = new java.util.ArrayList<>(shape);
    args.addAll(List.of("--out", out.toString()));
    GenerateJob job = JobArgs.create(null, DAY, "generate", args.toArray(String[]::new));
    job.preflight(new Configuration());
    job.run(spark);
  }

  @Test
  void ingestReadsItUnchangedWithExactTotals() throws IOException {
    Path warehouse = dir.resolve("wh-ingest");
    AppConfig c = config(data, warehouse);
    new IngestJob(c, DAY).run(spark);
    String d = DAY.toString();
    assertEquals(0, table(spark, warehouse, IngestTables.REJECTS, d).count());
    assertEquals(1_000, table(spark, warehouse, IngestTables.USERS, d).count());
    assertEquals(400, table(spark, warehouse, IngestTables.MOVIES, d).count());
    assertEquals(60_000, table(spark, warehouse, IngestTables.RATINGS, d).count());
    long fewest =
        table(spark, warehouse, IngestTables.RATINGS, d)
            .groupBy(TrainSchemas.USER_ID)
            .count()
            .agg(org.apache.spark.sql.functions.min("count"))
            .first()
            .getLong(0);
    assertTrue(fewest >= Ml1mShape.MIN_RATINGS_PER_USER, "fewest ratings " + fewest);
    assertTrue(Files.readString(data.resolve(GenerateJob.MARKER)).contains("ratings 60000"));
  }

  /**
   * The CSV layout: ingest finds it by its files (input.format auto), rejects nothing, has no users
   * file and reads half stars and quoted titles with commas; every rating is its ML-1M layout
   * rating or half a star less (the same draws), and a minority is halved.
   */
  @Test
  void theCsvLayoutIsMl25msAndCarriesTheSameRatings() throws IOException {
    Path csv = dir.resolve("synthetic-csv");
    List<String> args = new java.util.ArrayList<>(SHAPE);
    args.addAll(List.of("--layout", "csv"));
    run(csv, args);
    assertFalse(Files.exists(csv.resolve("users.dat")));
    assertEquals(
        "userId,movieId,rating,timestamp", Files.readAllLines(csv.resolve("ratings.csv")).get(0));
    List<String> movieLines = Files.readAllLines(csv.resolve("movies.csv"));
    assertEquals("movieId,title,genres", movieLines.get(0));
    assertTrue(
        movieLines.stream().anyMatch(l -> l.contains(", The (")), "no quoted title with a comma");

    Path warehouse = dir.resolve("wh-csv");
    new IngestJob(config(csv, warehouse), DAY).run(spark);
    String d = DAY.toString();
    assertEquals(0, table(spark, warehouse, IngestTables.REJECTS, d).count());
    assertEquals(400, table(spark, warehouse, IngestTables.MOVIES, d).count());
    assertTrue(
        table(spark, warehouse, IngestTables.MOVIES, d)
                .filter(org.apache.spark.sql.functions.col("title").endsWith(", The"))
                .count()
            > 0,
        "a title with its comma, unquoted");
    Map<String, Double> dat = new HashMap<>();
    try (var lines = Files.lines(data.resolve("ratings.dat"))) {
      lines.forEach(
          l -> {
            String[] f = l.split("::");
            dat.put(f[0] + "/" + f[1], Double.parseDouble(f[2]));
          });
    }
    List<Row> rows = table(spark, warehouse, IngestTables.RATINGS, d).collectAsList();
    assertEquals(60_000, rows.size());
    long halves = 0;
    for (Row r : rows) {
      double rating = r.getDouble(r.fieldIndex(TrainSchemas.RATING));
      double whole =
          dat.get(
              r.getInt(r.fieldIndex(TrainSchemas.USER_ID))
                  + "/"
                  + r.getInt(r.fieldIndex(TrainSchemas.MOVIE_ID)));
      assertTrue(rating == whole || rating == whole - 0.5, rating + " from " + whole);
      halves += rating == whole ? 0 : 1;
    }
    double share = halves / (double) rows.size();
    assertTrue(share > 0.1 && share < 0.5, "half-star share " + share);
  }

  @Test
  void starsFollowMl1msShares() throws IOException {
    long[] stars = new long[5];
    try (var lines = Files.lines(data.resolve("ratings.dat"))) {
      lines.forEach(l -> stars[l.split("::")[2].charAt(0) - '1']++);
    }
    long n = Arrays.stream(stars).sum();
    for (int s = 0; s < 5; s++) {
      assertEquals(Ml1mShape.STAR_SHARES[s], stars[s] / (double) n, 0.015, (s + 1) + " stars");
    }
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherRatings() throws IOException {
    Path again = dir.resolve("again");
    run(again, SHAPE);
    for (String f : List.of("users.dat", "movies.dat", "ratings.dat")) {
      assertArrayEquals(
          Files.readAllBytes(data.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
    }
    List<String> other = new java.util.ArrayList<>(SHAPE);
    other.set(other.size() - 1, "12");
    run(again, other);
    assertFalse(
        Arrays.equals(
            Files.readAllBytes(data.resolve("ratings.dat")),
            Files.readAllBytes(again.resolve("ratings.dat"))));
    assertTrue(Files.readString(again.resolve(GenerateJob.MARKER)).contains("seed 12"));
  }

  @Test
  void refusesToReplaceADirectoryItDidNotWrite() throws IOException {
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("keep.txt"), "mine");
    List<String> args = new java.util.ArrayList<>(SHAPE);
    args.addAll(List.of("--out", foreign.toString()));
    GenerateJob job = JobArgs.create(null, DAY, "generate", args.toArray(String[]::new));
    UsageException e = assertThrows(UsageException.class, () -> job.preflight(new Configuration()));
    assertTrue(e.getMessage().contains("was not written by generate"), e.getMessage());
    assertEquals("mine", Files.readString(foreign.resolve("keep.txt")));
  }

  @Test
  void optionsAreCheckedBeforeSpark() {
    GenerateJob.Options o =
        (GenerateJob.Options)
            JobArgs.parse("generate", "--ratings", "25M", "--users", "162k", "--out", "x");
    assertEquals(25_000_000L, o.ratings);
    assertEquals(162_000L, o.users);
    o = (GenerateJob.Options) JobArgs.parse("generate", "--ratings", "1,000,209", "--out", "x");
    assertEquals(1_000_209L, o.ratings);
    assertThrows(UsageException.class, () -> JobArgs.parse("generate", "--users", "-3"));
    UsageException lots =
        assertThrows(
            UsageException.class, () -> JobArgs.parse("generate", "--out", "x", "--users", "lots"));
    assertTrue(lots.getMessage().contains("--users"), lots.getMessage());
    UsageException noOut =
        assertThrows(UsageException.class, () -> JobArgs.parse("generate", "--users", "10"));
    assertTrue(noOut.getMessage().contains("--out"), noOut.getMessage());
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                JobArgs.create(
                    null, DAY, "generate", "--users", "10", "--ratings", "10", "--out", "x"));
    assertTrue(e.getMessage().contains("--ratings must be between 200 and"), e.getMessage());
  }

  @Test
  void theEmbeddingRegressorBeatsTheBiasBaseline() {
    Path warehouse = dir.resolve("wh-train");
    Map<String, String> o = new HashMap<>();
    o.put("train.tutorial-preset", "false");
    o.put("train.baselines.als", "false");
    o.put("train.ranker.enabled", "false");
    o.put("train.model.max-epochs", "3");
    String[] kv =
        o.entrySet().stream()
            .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
            .toArray(String[]::new);
    AppConfig c = config(data, warehouse, kv);
    new IngestJob(c, DAY).run(spark);
    new TrainJob(c, DAY).run(spark);
    Map<String, Double> rmse = new HashMap<>();
    for (Row r :
        table(spark, warehouse, TrainTables.MODEL_METRICS, DAY.toString()).collectAsList()) {
      rmse.put(r.getString(r.fieldIndex(TrainSchemas.MODEL)), r.getDouble(r.fieldIndex("rmse")));
    }
    double embedding = rmse.get(ModelNames.EMBEDDING);
    double bias = rmse.get("bias");
    System.out.printf("Generated data, test RMSE: embedding %.4f, bias %.4f%n", embedding, bias);
    assertTrue(embedding < bias - 0.01, "embedding " + embedding + " vs bias " + bias);
  }
}
