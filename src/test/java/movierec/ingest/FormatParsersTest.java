package movierec.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The line parsers of every layout, without Spark. */
class FormatParsersTest {

  private static RejectReason rejectOf(LineParser p, String line) {
    BadLine bad = assertThrows(BadLine.class, () -> p.parse(line), "expected a reject: " + line);
    assertFalse(bad.getMessage().isBlank());
    return bad.reason();
  }

  private static List<String> genres(Object v) {
    return scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<String>) v);
  }

  @Test
  void ml1mUser() throws BadLine {
    assertArrayEquals(
        new Object[] {1, "F", 1, null, 10, "48067"}, Ml1mFormat.USERS.parse("1::F::1::10::48067"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "1::F::1::10;WRONG_FIELD_COUNT",
        "1::F::1::10::48067::x;WRONG_FIELD_COUNT",
        "x::F::1::10::48067;BAD_ID",
        "0::F::1::10::48067;BAD_ID",
        "99999999999::F::1::10::48067;BAD_ID",
        "1::X::1::10::48067;BAD_GENDER",
        "1::F::17::10::48067;BAD_AGE",
        "1::F::a::10::48067;BAD_AGE",
        "1::F::1::21::48067;BAD_OCCUPATION",
        "1::F::1::-1::48067;BAD_OCCUPATION"
      })
  void ml1mUserRejects(String line, RejectReason reason) {
    assertEquals(reason, rejectOf(Ml1mFormat.USERS, line));
  }

  @Test
  void ml1mMovieKeepsLatin1TitleAndSplitsYear() throws BadLine {
    Object[] v = Ml1mFormat.MOVIES.parse("73::Misérables, Les (1995)::Drama|Musical");
    assertEquals(73, v[0]);
    assertEquals("Misérables, Les", v[1]);
    assertEquals(1995, v[2]);
    assertEquals(List.of("Drama", "Musical"), genres(v[3]));
    assertEquals("Misérables, Les (1995)", v[4]);
  }

  @Test
  void titleWithoutYearKeepsTextAndNullYear() throws BadLine {
    Object[] v = Ml1mFormat.MOVIES.parse("5::Some Film::Comedy");
    assertEquals("Some Film", v[1]);
    assertNull(v[2]);
    assertEquals(RejectReason.BAD_TITLE, rejectOf(Ml1mFormat.MOVIES, "5:: ::Comedy"));
  }

  @Test
  void yearIsTheLastParenthesis() throws BadLine {
    Object[] v =
        Ml1mFormat.MOVIES.parse("9::Shanghai Triad (Yao a yao yao dao waipo qiao) (1995)::Drama");
    assertEquals("Shanghai Triad (Yao a yao yao dao waipo qiao)", v[1]);
    assertEquals(1995, v[2]);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "1::1193::5;WRONG_FIELD_COUNT",
        "1::1193::6::978300760;BAD_RATING",
        "1::1193::0::978300760;BAD_RATING",
        "1::1193::3.5::978300760;BAD_RATING",
        "1::1193::five::978300760;BAD_RATING",
        "1::1193::NaN::978300760;BAD_RATING",
        "1::abc::5::978300760;BAD_ID",
        "-3::1193::5::978300760;BAD_ID",
        "1::1193::5::yesterday;BAD_TIMESTAMP",
        "1::1193::5::-5;BAD_TIMESTAMP"
      })
  void ml1mRatingRejects(String line, RejectReason reason) {
    assertEquals(reason, rejectOf(Ml1mFormat.RATINGS, line));
  }

  @Test
  void ml1mRatingAndTrailingSpacesInFields() throws BadLine {
    assertArrayEquals(
        new Object[] {1, 1193, 5.0, 978300760L}, Ml1mFormat.RATINGS.parse("1::1193::5::978300760"));
    assertArrayEquals(
        new Object[] {1, 1193, 5.0, 0L}, Ml1mFormat.RATINGS.parse("1 :: 1193::5 ::0"));
  }

  @Test
  void ml100kUserBucketsAgeAndCodesOccupation() throws BadLine {
    assertArrayEquals(
        new Object[] {1, "M", 18, 24, 19, "85711"},
        Ml100kFormat.USERS.parse("1|24|M|technician|85711"));
    assertEquals(56, Ml100kFormat.bucket(73));
    assertEquals(1, Ml100kFormat.bucket(7));
    assertEquals(50, Ml100kFormat.bucket(55));
    assertEquals(RejectReason.BAD_AGE, rejectOf(Ml100kFormat.USERS, "1|0|M|technician|85711"));
    assertEquals(
        RejectReason.BAD_OCCUPATION, rejectOf(Ml100kFormat.USERS, "1|24|M|astronaut|85711"));
    assertEquals(RejectReason.BAD_GENDER, rejectOf(Ml100kFormat.USERS, "1|24|m?|writer|85711"));
  }

  @Test
  void ml100kItemGenreFlags() throws BadLine {
    String line =
        "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)"
            + "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
    Object[] v = Ml100kFormat.MOVIES.parse(line);
    assertEquals("Toy Story", v[1]);
    assertEquals(1995, v[2]);
    assertEquals(List.of("Animation", "Children's", "Comedy"), genres(v[3]));
    Object[] unknown =
        Ml100kFormat.MOVIES.parse("267|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0");
    assertEquals("unknown", unknown[1]);
    assertNull(unknown[2]);
    assertTrue(genres(unknown[3]).isEmpty());
    assertEquals(
        RejectReason.BAD_GENRE_FLAGS,
        rejectOf(Ml100kFormat.MOVIES, line.substring(0, line.length() - 1) + "2"));
    assertEquals(RejectReason.WRONG_FIELD_COUNT, rejectOf(Ml100kFormat.MOVIES, "1|Toy Story|x"));
  }

  @Test
  void ml100kRatingIsTabSeparated() throws BadLine {
    assertArrayEquals(
        new Object[] {196, 242, 3.0, 881250949L},
        Ml100kFormat.RATINGS.parse("196\t242\t3\t881250949"));
    assertEquals(
        RejectReason.WRONG_FIELD_COUNT, rejectOf(Ml100kFormat.RATINGS, "196 242 3 881250949"));
  }

  @Test
  void csvQuotedTitleWithCommas() throws BadLine {
    Object[] v =
        CsvFormat.MOVIES.parse("11,\"American President, The (1995)\",Comedy|Drama|Romance");
    assertEquals(11, v[0]);
    assertEquals("American President, The", v[1]);
    assertEquals(1995, v[2]);
    assertEquals(List.of("Comedy", "Drama", "Romance"), genres(v[3]));
    Object[] q = CsvFormat.MOVIES.parse("7,\"The \"\"Quoted\"\" One (2001)\",(no genres listed)");
    assertEquals("The \"Quoted\" One", q[1]);
    assertTrue(genres(q[3]).isEmpty());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "11,\"American President, The (1995),Comedy;MALFORMED_CSV",
        "11,\"American\" President (1995),Comedy;MALFORMED_CSV",
        "11,American \"President\" (1995),Comedy;MALFORMED_CSV",
        "11,Title (1995);WRONG_FIELD_COUNT",
        "11,Title (1995),Comedy,extra;WRONG_FIELD_COUNT"
      })
  void csvMovieRejects(String line, RejectReason reason) {
    assertEquals(reason, rejectOf(CsvFormat.MOVIES, line));
  }

  @Test
  void csvHalfStarsAndHeader() throws BadLine {
    assertArrayEquals(
        new Object[] {1, 1, 4.5, 964982703L}, CsvFormat.RATINGS.parse("1,1,4.5,964982703"));
    assertArrayEquals(
        new Object[] {1, 1, 0.5, 964982703L}, CsvFormat.RATINGS.parse("1,1,0.5,964982703"));
    assertEquals(RejectReason.BAD_RATING, rejectOf(CsvFormat.RATINGS, "1,1,4.25,964982703"));
    assertEquals(RejectReason.BAD_RATING, rejectOf(CsvFormat.RATINGS, "1,1,0,964982703"));
    assertEquals(RejectReason.BAD_RATING, rejectOf(CsvFormat.RATINGS, "1,1,5.5,964982703"));
    assertTrue(CsvFormat.RATINGS.isHeader("userId,movieId,rating,timestamp", 1));
    assertFalse(CsvFormat.RATINGS.isHeader("userId,movieId,rating,timestamp", 2));
    assertFalse(Ml1mFormat.RATINGS.isHeader("userId,movieId,rating,timestamp", 1));
  }
}
