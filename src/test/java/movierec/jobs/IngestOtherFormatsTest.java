package movierec.jobs;

import static movierec.jobs.IngestTestSupport.config;
import static movierec.jobs.IngestTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import movierec.SparkTestSupport;
import movierec.ingest.IngestTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest of the real ML-100K and ML-latest-small files, small files in the ML-10M and CSV-release
 * layouts, and CRLF/BOM input end to end.
 */
class IngestOtherFormatsTest {
  private static final String DAY = "2026-01-01";
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.spark();
  }

  private static void run(Path input, Path wh) {
    new IngestJob(config(input, wh), LocalDate.parse(DAY)).run(spark);
  }

  @Test
  void ml100k(@TempDir Path wh) {
    run(SparkTestSupport.dataDir().resolve("ml-100k"), wh);
    assertEquals(943, table(spark, wh, IngestTables.USERS, DAY).count());
    assertEquals(1682, table(spark, wh, IngestTables.MOVIES, DAY).count());
    Dataset<Row> ratings = table(spark, wh, IngestTables.RATINGS, DAY);
    assertEquals(100000, ratings.count());
    assertEquals(943, ratings.select("user_id").distinct().count());
    assertEquals(1682, ratings.select("movie_id").distinct().count());
    assertEquals(0, table(spark, wh, IngestTables.REJECTS, DAY).count());
    Row u1 = table(spark, wh, IngestTables.USERS, DAY).filter("user_id = 1").first();
    assertEquals(24, (Integer) u1.getAs("age_years"));
    assertEquals(18, (Integer) u1.getAs("age"));
    // u.user line 1 is "1|24|M|technician|85711": the occupation code names it again
    Row o =
        table(spark, wh, IngestTables.OCCUPATIONS, DAY)
            .filter("occupation = " + u1.getAs("occupation"))
            .first();
    assertEquals("technician", o.getAs("name"));
    assertEquals(21, table(spark, wh, IngestTables.OCCUPATIONS, DAY).count());
  }

  @Test
  void mlLatestSmall(@TempDir Path wh) {
    run(SparkTestSupport.dataDir().resolve("ml-latest-small"), wh);
    Dataset<Row> ratings = table(spark, wh, IngestTables.RATINGS, DAY);
    assertEquals(100836, ratings.count());
    assertEquals(610, table(spark, wh, IngestTables.USERS, DAY).count());
    assertEquals(9742, table(spark, wh, IngestTables.MOVIES, DAY).count());
    assertEquals(9724, ratings.select("movie_id").distinct().count());
    assertEquals(0, table(spark, wh, IngestTables.REJECTS, DAY).count());
    assertTrue(ratings.filter("rating = 0.5").count() > 0, "half stars are kept");
    Row m = table(spark, wh, IngestTables.MOVIES, DAY).filter("movie_id = 11").first();
    assertEquals("American President, The", m.getAs("title"));
    Row u = table(spark, wh, IngestTables.USERS, DAY).first();
    assertTrue(u.isNullAt(u.fieldIndex("gender")), "CSV layouts have no demographics");
    assertEquals(
        0, table(spark, wh, IngestTables.OCCUPATIONS, DAY).count(), "nor occupation names");
    assertEquals(7, table(spark, wh, IngestTables.AGE_GROUPS, DAY).count());
  }

  @Test
  void crlfBomAndTrailingSpacesAreTolerated(@TempDir Path tmp) throws IOException {
    Path input = tmp.resolve("in");
    Files.createDirectories(input);
    Files.write(
        input.resolve("ratings.csv"),
        ("\uFEFFuserId,movieId,rating,timestamp\r\n1,1,4.5,964982703  \r\n1,2,3.0,964982704\r\n")
            .getBytes(StandardCharsets.UTF_8));
    Files.write(
        input.resolve("movies.csv"),
        ("movieId,title,genres\r\n1,\"American President, The (1995)\",Comedy|Drama\r\n"
                + "2,Jumanji (1995),Adventure\r\n")
            .getBytes(StandardCharsets.UTF_8));
    Path wh = tmp.resolve("wh");
    run(input, wh);
    assertEquals(2, table(spark, wh, IngestTables.RATINGS, DAY).count());
    assertEquals(2, table(spark, wh, IngestTables.MOVIES, DAY).count());
    assertEquals(0, table(spark, wh, IngestTables.REJECTS, DAY).count());
    assertEquals(
        "American President, The",
        table(spark, wh, IngestTables.MOVIES, DAY).filter("movie_id = 1").first().getAs("title"));
  }

  /** ML-10M's layout: ML-1M's movies.dat and ratings.dat in half stars, and no users.dat. */
  @Test
  void ml10mLayoutWithHalfStarsAndNoUsersFile(@TempDir Path tmp) throws IOException {
    Path input = tmp.resolve("ml-10M100K");
    Files.createDirectories(input);
    Files.writeString(
        input.resolve("movies.dat"),
        "1::Toy Story (1995)::Adventure|Animation|Children|Comedy|Fantasy\n"
            + "2::Misérables, Les (1995)::Drama|War\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        input.resolve("ratings.dat"),
        "1::1::5::838985046\n1::2::3.5::838983525\n2::1::0.5::838983392\n",
        StandardCharsets.UTF_8);
    Path wh = tmp.resolve("wh");
    run(input, wh);
    Dataset<Row> ratings = table(spark, wh, IngestTables.RATINGS, DAY);
    assertEquals(3, ratings.count());
    assertEquals(1, ratings.filter("rating = 3.5").count(), "half stars are kept");
    assertEquals(1, ratings.filter("rating = 0.5").count());
    Dataset<Row> rejects = table(spark, wh, IngestTables.REJECTS, DAY);
    assertEquals(0, rejects.count());
    assertEquals(
        2, table(spark, wh, IngestTables.USERS, DAY).count(), "users come from the ratings");
    assertEquals(
        "Misérables, Les",
        table(spark, wh, IngestTables.MOVIES, DAY).filter("movie_id = 2").first().getAs("title"));
  }

  /**
   * The CSV releases' layout (ML-20M, 25M, 32M): header lines, quoted titles with commas and
   * doubled quotes, half stars, and tags.csv and links.csv beside, which ingest does not read.
   */
  @Test
  void csvReleaseLayoutWithTagsAndLinks(@TempDir Path tmp) throws IOException {
    Path input = tmp.resolve("ml-32m");
    Files.createDirectories(input);
    Files.writeString(
        input.resolve("ratings.csv"),
        "userId,movieId,rating,timestamp\n1,1,4.0,1225734739\n1,2,0.5,1225865086\n"
            + "2,3,5.0,1225734980\n");
    Files.writeString(
        input.resolve("movies.csv"),
        "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n"
            + "2,\"American President, The (1995)\",Comedy|Drama|Romance\n"
            + "3,\"\"\"Great Performances\"\" Cats (1998)\",Musical\n");
    Files.writeString(
        input.resolve("tags.csv"), "userId,movieId,tag,timestamp\n1,1,pixar,1225734739\n");
    Files.writeString(
        input.resolve("links.csv"), "movieId,imdbId,tmdbId\n1,0114709,862\n2,0112346,9087\n");
    Path wh = tmp.resolve("wh");
    run(input, wh);
    Dataset<Row> ratings = table(spark, wh, IngestTables.RATINGS, DAY);
    assertEquals(3, ratings.count());
    assertEquals(1, ratings.filter("rating = 0.5").count(), "half stars are kept");
    assertEquals(0, table(spark, wh, IngestTables.REJECTS, DAY).count());
    assertEquals(3, table(spark, wh, IngestTables.MOVIES, DAY).count());
    assertEquals(
        2, table(spark, wh, IngestTables.USERS, DAY).count(), "users come from the ratings");
    Dataset<Row> movies = table(spark, wh, IngestTables.MOVIES, DAY);
    assertEquals("American President, The", movies.filter("movie_id = 2").first().getAs("title"));
    assertEquals(
        "\"Great Performances\" Cats", movies.filter("movie_id = 3").first().getAs("title"));
  }
}
