package movierec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import movierec.SparkTestSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cross-line checks on tagged rows built in memory. */
class IngestChecksTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.spark();
  }

  private static Row rating(long line, Integer user, Integer movie, long ts, String reason) {
    return RowFactory.create(
        user,
        movie,
        4.0,
        ts,
        "ratings.dat",
        line,
        "raw " + line,
        reason,
        reason == null ? null : "m");
  }

  private static Row user(long line, int id) {
    return RowFactory.create(id, "M", 25, null, 1, "000", "users.dat", line, "u", null, null);
  }

  private static Dataset<Row> df(StructType record, Row... rows) {
    return spark.createDataFrame(Arrays.asList(rows), IngestSchemas.tagged(record));
  }

  /** line number -> reason ("" for clean), which is what every check must get right. */
  private static Map<Long, String> reasons(Dataset<Row> tagged) {
    Map<Long, String> out = new TreeMap<>();
    for (Row r : tagged.collectAsList()) {
      String reason = r.getAs(IngestSchemas.REASON);
      out.put(r.getAs(IngestSchemas.LINE_NUMBER), reason == null ? "" : reason);
    }
    return out;
  }

  @Test
  void duplicateIdsKeepTheFirstLine() {
    Dataset<Row> users = df(IngestSchemas.USERS, user(1, 7), user(2, 8), user(3, 7), user(4, 7));
    Dataset<Row> marked =
        IngestChecks.markDuplicateIds(users, IngestSchemas.USER_ID, RejectReason.DUPLICATE_USER);
    assertEquals(
        Map.of(1L, "", 2L, "", 3L, "duplicate_user", 4L, "duplicate_user"), reasons(marked));
    Row third = marked.filter("line_number = 3").first();
    assertEquals("user_id 7 is already defined on line 1", third.getAs(IngestSchemas.MESSAGE));
  }

  @Test
  void duplicateRatingsKeepTheLatestTimestampThenTheLaterLine() {
    Dataset<Row> ratings =
        df(
            IngestSchemas.RATING_LINE,
            rating(1, 1, 10, 500, null),
            rating(2, 1, 10, 900, null),
            rating(3, 1, 10, 100, null),
            rating(4, 2, 10, 100, null),
            rating(5, 2, 10, 100, null),
            rating(6, 3, 10, 100, null),
            rating(7, null, null, 0, "bad_id"));
    Dataset<Row> marked = IngestChecks.markDuplicateRatings(ratings);
    Map<Long, String> expected = new TreeMap<>();
    expected.put(1L, "duplicate_rating");
    expected.put(2L, "");
    expected.put(3L, "duplicate_rating");
    expected.put(4L, "duplicate_rating");
    expected.put(5L, "");
    expected.put(6L, "");
    expected.put(7L, "bad_id");
    assertEquals(expected, reasons(marked));
    Row first = marked.filter("line_number = 1").first();
    assertEquals(
        "user 1 rated movie 10 again; line 2 (latest timestamp) is kept",
        first.getAs(IngestSchemas.MESSAGE));
  }

  @Test
  void unknownReferencesAreRejectedAndEarlierReasonsKept() {
    Dataset<Row> ratings =
        df(
            IngestSchemas.RATING_LINE,
            rating(1, 7, 10, 1, null),
            rating(2, 9, 10, 1, null),
            rating(3, null, null, 1, "bad_rating"));
    Dataset<Row> known =
        IngestChecks.clean(df(IngestSchemas.USERS, user(1, 7), user(2, 8)), IngestSchemas.USERS);
    Dataset<Row> marked =
        IngestChecks.markUnknown(
            ratings, IngestSchemas.USER_ID, known, "users.dat", RejectReason.UNKNOWN_USER);
    assertEquals(Map.of(1L, "", 2L, "unknown_user", 3L, "bad_rating"), reasons(marked));
    assertEquals(
        "user_id 9 is not in users.dat",
        marked.filter("line_number = 2").first().getAs(IngestSchemas.MESSAGE));
  }

  @Test
  void cleanAndRejectsSplitEveryRowOnceAndDropHeaders() {
    Dataset<Row> ratings =
        df(
            IngestSchemas.RATING_LINE,
            rating(1, null, null, 0, TaggedLines.HEADER),
            rating(2, 1, 10, 1, null),
            rating(3, null, null, 0, "bad_id"));
    List<Row> clean = IngestChecks.clean(ratings, IngestSchemas.RATING_LINE).collectAsList();
    List<Row> rejects = IngestChecks.rejects(ratings).collectAsList();
    assertEquals(1, clean.size());
    assertEquals(
        Arrays.asList(IngestSchemas.RATING_LINE.fieldNames()),
        List.of(clean.get(0).schema().fieldNames()));
    assertEquals(1, rejects.size());
    assertEquals(3L, rejects.get(0).getLong(1));
  }

  /** The table keeps a file's epoch seconds as a TIMESTAMP, and its 0 ("unknown") as null. */
  @Test
  void ratingTimesBecomeTimestampsAndZeroBecomesNull() {
    Dataset<Row> lines =
        spark.createDataFrame(
            List.of(RowFactory.create(1, 10, 4.0, 978300760L), RowFactory.create(2, 10, 3.0, 0L)),
            IngestSchemas.RATING_LINE);
    List<Row> rows = Ingest.ratingsTable(lines).orderBy("user_id").collectAsList();
    assertEquals(
        IngestSchemas.RATINGS.simpleString(), Ingest.ratingsTable(lines).schema().simpleString());
    assertEquals(
        java.time.Instant.ofEpochSecond(978300760L), rows.get(0).getTimestamp(3).toInstant());
    assertEquals(null, rows.get(1).get(3));
  }
}
