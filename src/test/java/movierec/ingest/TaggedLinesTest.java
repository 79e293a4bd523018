package movierec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Decoding and tagging one line: tolerated noise, undecodable bytes, empty lines, headers. */
class TaggedLinesTest {
  private static final int RATING_WIDTH = IngestSchemas.RATING_LINE.size();

  private static Object[] tag(byte[] bytes, long line, Charset cs, LineParser parser, int width) {
    return TaggedLines.tag(bytes, line, TaggedLines.strictDecoder(cs), parser, "f.dat", width);
  }

  private static Object[] rating(String text, long line) {
    return tag(
        text.getBytes(StandardCharsets.UTF_8),
        line,
        StandardCharsets.UTF_8,
        Ml1mFormat.RATINGS,
        RATING_WIDTH);
  }

  private static String reason(Object[] row) {
    return (String) row[row.length - 2];
  }

  @Test
  void cleanLineHasValuesAndNoReason() {
    Object[] row = rating("1::1193::5::978300760", 7);
    assertEquals(1, row[0]);
    assertEquals(978300760L, row[3]);
    assertEquals("f.dat", row[4]);
    assertEquals(7L, row[5]);
    assertEquals("1::1193::5::978300760", row[6]);
    assertNull(reason(row));
  }

  @Test
  void crlfBomAndTrailingSpacesAreTolerated() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "1::1193::5::978300760  \r".getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, line, 0, 3);
    System.arraycopy(body, 0, line, 3, body.length);
    Object[] row = tag(line, 1, StandardCharsets.UTF_8, Ml1mFormat.RATINGS, RATING_WIDTH);
    assertNull(reason(row), "message: " + row[row.length - 1]);
    assertEquals(1193, row[1]);
  }

  @Test
  void bomOnlyCountsOnTheFirstLine() {
    byte[] line = {
      (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1', ':', ':', '2', ':', ':', '3', ':', ':', '4'
    };
    Object[] row = tag(line, 2, StandardCharsets.UTF_8, Ml1mFormat.RATINGS, RATING_WIDTH);
    assertEquals("bad_id", reason(row));
  }

  @Test
  void undecodableBytesAreRejectedWithTheLineKept() {
    byte[] line = {'1', ':', ':', '2', ':', ':', (byte) 0xE9, ':', ':', '4'};
    Object[] row = tag(line, 3, StandardCharsets.UTF_8, Ml1mFormat.RATINGS, RATING_WIDTH);
    assertEquals("undecodable_bytes", reason(row));
    assertEquals("1::2::\uFFFD::4", row[6]);
    assertNull(row[0]);
  }

  @Test
  void latin1FileDecodesEveryByte() {
    byte[] line = "73::Mis\u00e9rables, Les (1995)::Drama".getBytes(StandardCharsets.ISO_8859_1);
    Object[] row =
        tag(line, 1, StandardCharsets.ISO_8859_1, Ml1mFormat.MOVIES, IngestSchemas.MOVIES.size());
    assertEquals("Mis\u00e9rables, Les", row[1]);
  }

  @Test
  void emptyAndBlankLinesAreRejected() {
    assertEquals("empty_line", reason(rating("", 4)));
    assertEquals("empty_line", reason(rating("   \r", 5)));
  }

  @Test
  void headerIsMarkedNotRejected() {
    Object[] row =
        tag(
            "userId,movieId,rating,timestamp".getBytes(StandardCharsets.UTF_8),
            1,
            StandardCharsets.UTF_8,
            CsvFormat.RATINGS,
            RATING_WIDTH);
    assertEquals(TaggedLines.HEADER, reason(row));
  }
}
