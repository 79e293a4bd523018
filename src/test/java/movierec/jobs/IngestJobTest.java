package movierec.jobs;

import static movierec.jobs.IngestTestSupport.config;
import static movierec.jobs.IngestTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import movierec.SparkTestSupport;
import movierec.ingest.IngestException;
import movierec.ingest.IngestTables;
import movierec.io.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest job end to end on the real ML-1M files of ../shared/data/ml-1m. */
class IngestJobTest {
  private static final String DAY = Ml1mIngest.DAY.toString();
  private static SparkSession spark;
  private static Path ml1m;
  private static Path warehouse;

  @BeforeAll
  static void ingestOnce() {
    spark = SparkTestSupport.spark();
    ml1m = Ml1mIngest.input();
    warehouse = Ml1mIngest.warehouse();
  }

  /**
   * ML-1M's users and movies with the ratings of users 1 to {@link #SLICE_USERS} ({@code ratings}
   * lines), and that input's ingest: the tests that ingest a variant of the files compare with it
   * (a fifth of the work of ingesting all of ML-1M again).
   */
  private record Slice(Path input, Path warehouse, int ratings) {}

  private static final int SLICE_USERS = 200;
  private static Slice slice;

  /** The slice, made on the first call. */
  private static synchronized Slice slice() throws IOException {
    if (slice == null) {
      Path dir = IngestTestSupport.tempDirDeletedAtExit("movierec-ml1m-slice");
      Path input = Files.createDirectories(dir.resolve("input"));
      Files.copy(ml1m.resolve("users.dat"), input.resolve("users.dat"));
      Files.copy(ml1m.resolve("movies.dat"), input.resolve("movies.dat"));
      int ratings =
          IngestTestSupport.firstUsers(
              ml1m.resolve("ratings.dat"), input.resolve("ratings.dat"), SLICE_USERS);
      run(input, dir.resolve("wh"));
      slice = new Slice(input, dir.resolve("wh"), ratings);
    }
    return slice;
  }

  private static void run(Path input, Path wh) {
    new IngestJob(config(input, wh), LocalDate.parse(DAY)).run(spark);
  }

  private static long count(Path wh, Table t) {
    return table(spark, wh, t, DAY).count();
  }

  @Test
  void countsMatchTheDatasetReadme() {
    assertEquals(6040, count(warehouse, IngestTables.USERS));
    assertEquals(3883, count(warehouse, IngestTables.MOVIES));
    assertEquals(487650, count(warehouse, IngestTables.RATINGS));
    assertEquals(0, count(warehouse, IngestTables.REJECTS));
    Dataset<Row> ratings = table(spark, warehouse, IngestTables.RATINGS, DAY);
    assertEquals(2999, ratings.select("user_id").distinct().count());
    assertEquals(3615, ratings.select("movie_id").distinct().count());
    assertEquals(0, ratings.filter("rating < 1 or rating > 5 or rating != floor(rating)").count());
  }

  /** ratings.dat's first line is 1::1193::5::978300760: that second, as a TIMESTAMP. */
  @Test
  void ratingTimesAreTimestamps() {
    Dataset<Row> ratings = table(spark, warehouse, IngestTables.RATINGS, DAY);
    assertEquals(
        org.apache.spark.sql.types.DataTypes.TimestampType,
        ratings.schema().apply("rated_at").dataType());
    Row first = ratings.filter("user_id = 1 and movie_id = 1193").first();
    assertEquals(
        java.time.Instant.ofEpochSecond(978300760L),
        first.getTimestamp(first.fieldIndex("rated_at")).toInstant());
    assertEquals(0, ratings.filter("rated_at is null").count(), "ml-1m knows every time");
  }

  @Test
  void everyAgeAndOccupationCodeHasItsLabel() {
    table(spark, warehouse, IngestTables.USERS, DAY).createOrReplaceTempView("u");
    table(spark, warehouse, IngestTables.AGE_GROUPS, DAY).createOrReplaceTempView("a");
    table(spark, warehouse, IngestTables.OCCUPATIONS, DAY).createOrReplaceTempView("o");
    assertEquals(7, spark.table("a").count());
    assertEquals(21, spark.table("o").count());
    Row labelled =
        spark
            .sql(
                "select count(*), count(a.label), count(o.name) from u"
                    + " left join a using (age) left join o using (occupation)")
            .first();
    assertEquals(6040L, labelled.getLong(0));
    assertEquals(6040L, labelled.getLong(1), "every user's age code is in age_groups");
    assertEquals(6040L, labelled.getLong(2), "every user's occupation code is in occupations");
    // ML-1M's README: user 1 is "F::1::10" (under 18, K-12 student), user 2 "M::56::16"
    Map<Integer, String> got = new TreeMap<>();
    for (Row r :
        spark
            .sql(
                "select user_id, concat(a.label, ' ', o.name) from u join a using (age)"
                    + " join o using (occupation) where user_id in (1, 2)")
            .collectAsList()) {
      got.put(r.getInt(0), r.getString(1));
    }
    assertEquals(Map.of(1, "Under 18 K-12 student", 2, "56+ self-employed"), got);
    Row youngest = spark.sql("select min_years, max_years from a where age = 1").first();
    assertTrue(youngest.isNullAt(0));
    assertEquals(17, youngest.getInt(1));
  }

  @Test
  void latin1TitlesKeepTheirAccents() {
    Row m = table(spark, warehouse, IngestTables.MOVIES, DAY).filter("movie_id = 73").first();
    assertEquals("Misérables, Les", m.getAs("title"));
    assertEquals(1995, (Integer) m.getAs("year"));
    assertEquals("Misérables, Les (1995)", m.getAs("title_raw"));
    assertEquals(List.of("Drama", "Musical"), m.getList(m.fieldIndex("genres")));
  }

  @Test
  void rerunningTheDateGivesIdenticalOutputInOnePartition(@TempDir Path second) throws IOException {
    Slice first = slice();
    // A copy of the first run's warehouse, then the date again over it.
    IngestTestSupport.copyTree(first.warehouse(), second);
    run(first.input(), second);
    for (Table t :
        List.of(
            IngestTables.USERS, IngestTables.MOVIES, IngestTables.RATINGS, IngestTables.REJECTS)) {
      Dataset<Row> a = table(spark, first.warehouse(), t, DAY);
      Dataset<Row> b = table(spark, second, t, DAY);
      assertEquals(a.count(), b.count(), t.name());
      assertEquals(0, a.except(b).count(), t + ": rows differ between runs");
      try (Stream<Path> dirs = Files.list(second.resolve(t.name()))) {
        assertEquals(
            List.of("run_date=" + DAY), dirs.map(p -> p.getFileName().toString()).toList());
      }
    }
  }

  @Test
  void corruptedLinesLandInRejectsAndNothingElseChanges(@TempDir Path tmp) throws IOException {
    Slice clean = slice();
    Path input = tmp.resolve("ml-1m-corrupted");
    Files.createDirectories(input);
    for (String f : List.of("users.dat", "movies.dat", "ratings.dat")) {
      Files.copy(clean.input().resolve(f), input.resolve(f));
    }
    // line numbers of the appended lines follow the originals: 6040 users, 3883 movies
    append(
        input.resolve("users.dat"),
        "6041::X::25::1::12345\n6042::F::17::1::1\n6043::F::25::99::1\n1::F::1::10::48067\n"
            .getBytes(StandardCharsets.UTF_8),
        "abc::F::1::10::1\n\n6044::M::25::1\n".getBytes(StandardCharsets.UTF_8));
    append(
        input.resolve("movies.dat"),
        "1::Toy Story again (1995)::Comedy\n4000::  ::Drama\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    append(
        input.resolve("ratings.dat"),
        ("1::1193::6::978300760\n1::1193::5::x\n9999::1::5::978300760\n"
                + "1::99999::5::978300760\n1::1193::4::978300000\n")
            .getBytes(StandardCharsets.UTF_8),
        new byte[] {'1', ':', ':', (byte) 0xFF, ':', ':', '5', ':', ':', '1', '\n'},
        "2::3::4::5::6\n".getBytes(StandardCharsets.UTF_8));
    Path wh = tmp.resolve("wh");
    run(input, wh);

    Map<String, String> expected = new TreeMap<>();
    expected.put("users.dat:6041", "bad_gender");
    expected.put("users.dat:6042", "bad_age");
    expected.put("users.dat:6043", "bad_occupation");
    expected.put("users.dat:6044", "duplicate_user");
    expected.put("users.dat:6045", "bad_id");
    expected.put("users.dat:6046", "empty_line");
    expected.put("users.dat:6047", "wrong_field_count");
    expected.put("movies.dat:3884", "duplicate_movie");
    expected.put("movies.dat:3885", "bad_title");
    String[] ratingReasons = {
      "bad_rating",
      "bad_timestamp",
      "unknown_user",
      "unknown_movie",
      "duplicate_rating",
      "undecodable_bytes",
      "wrong_field_count"
    };
    for (int k = 0; k < ratingReasons.length; k++) {
      expected.put("ratings.dat:" + (clean.ratings() + 1 + k), ratingReasons[k]);
    }
    Map<String, String> actual = new TreeMap<>();
    for (Row r : table(spark, wh, IngestTables.REJECTS, DAY).collectAsList()) {
      actual.put(r.getAs("source_file") + ":" + r.getAs("line_number"), r.getAs("reason"));
      assertFalse(((String) r.getAs("message")).isBlank());
    }
    assertEquals(expected, actual);

    for (Table t : List.of(IngestTables.USERS, IngestTables.MOVIES, IngestTables.RATINGS)) {
      Dataset<Row> expectedRows = table(spark, clean.warehouse(), t, DAY);
      Dataset<Row> dirty = table(spark, wh, t, DAY);
      assertEquals(expectedRows.count(), dirty.count(), t.name());
      assertEquals(0, dirty.except(expectedRows).count(), t + " changed");
    }
  }

  @Test
  void tooManyRejectsFailsAndWritesNothing(@TempDir Path tmp) throws IOException {
    Path input = tmp.resolve("dirty");
    Files.createDirectories(input);
    Files.writeString(input.resolve("users.dat"), "1::F::1::10::48067\n2::F::1::10::48067\n");
    Files.writeString(input.resolve("movies.dat"), "1::Toy Story (1995)::Comedy\n");
    Files.writeString(input.resolve("ratings.dat"), "1::1::5::1\n2::1::9::1\n3::1::5::1\n");
    Path wh = tmp.resolve("wh");
    IngestException e = assertThrows(IngestException.class, () -> run(input, wh));
    assertTrue(e.getMessage().contains("ingest.max-reject-fraction"), e.getMessage());
    assertTrue(e.getMessage().contains("bad_rating"), e.getMessage());
    try (Stream<Path> s = Files.exists(wh) ? Files.list(wh) : Stream.empty()) {
      assertEquals(List.of(), s.toList(), "nothing may be written");
    }
    // The same input passes when the threshold allows it.
    new IngestJob(config(input, wh, "ingest.max-reject-fraction", "0.5"), LocalDate.parse(DAY))
        .run(spark);
    assertEquals(2, count(wh, IngestTables.REJECTS));
    assertEquals(1, count(wh, IngestTables.RATINGS));
  }

  private static void append(Path file, byte[]... chunks) throws IOException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      for (byte[] c : chunks) {
        out.write(c);
      }
    }
  }
}
