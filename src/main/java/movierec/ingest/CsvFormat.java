package movierec.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV layout of ML-latest, ML-20M, ML-25M and ML-32M: {@code ratings.csv} {@code
 * userId,movieId,rating,timestamp} with half stars 0.5..5 and {@code movies.csv} {@code
 * movieId,title,genres}, UTF-8, titles quoted when they hold commas. Each file starts with a
 * header. There is no users file.
 */
final class CsvFormat {
  static final String RATINGS_HEADER = "userId,movieId,rating,timestamp";
  static final String MOVIES_HEADER = "movieId,title,genres";

  static final LineParser MOVIES =
      new HeaderedParser(MOVIES_HEADER) {
        private static final long serialVersionUID = 1L;

        @Override
        public Object[] parse(String line) throws BadLine {
          String[] f = fields(line, 3);
          int id = Fields.id("movie id", f[0]);
          Object[] titleYear = Fields.titleAndYear(f[1]);
          return new Object[] {id, titleYear[0], titleYear[1], Fields.genres(f[2]), f[1]};
        }
      };

  static final LineParser RATINGS =
      new HeaderedParser(RATINGS_HEADER) {
        private static final long serialVersionUID = 1L;

        @Override
        public Object[] parse(String line) throws BadLine {
          String[] f = fields(line, 4);
          return new Object[] {
            Fields.id("user id", f[0]),
            Fields.id("movie id", f[1]),
            Fields.halfStars(f[2]),
            Fields.timestamp(f[3])
          };
        }
      };

  private CsvFormat() {}

  /** A parser whose file's first line is a known header. */
  abstract static class HeaderedParser implements LineParser {
    private static final long serialVersionUID = 1L;
    private final String header;

    HeaderedParser(String header) {
      this.header = header;
    }

    @Override
    public boolean isHeader(String line, long lineNumber) {
      return lineNumber == 1 && line.equalsIgnoreCase(header);
    }
  }

  /**
   * Splits one CSV line (RFC 4180: a field in double quotes may hold commas, and {@code ""} stands
   * for one quote). MovieLens never breaks a record across lines, so neither does this.
   */
  static String[] fields(String line, int expected) throws BadLine {
    List<String> out = new ArrayList<>(expected);
    StringBuilder cur = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      cur.setLength(0);
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new BadLine(RejectReason.MALFORMED_CSV, "a quoted field is never closed");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              cur.append('"');
              i++;
            } else {
              break;
            }
          } else {
            cur.append(c);
          }
        }
        if (i < n && line.charAt(i) != ',') {
          throw new BadLine(
              RejectReason.MALFORMED_CSV, "text follows a closing quote at column " + (i + 1));
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          char c = line.charAt(i++);
          if (c == '"') {
            throw new BadLine(
                RejectReason.MALFORMED_CSV, "a quote inside an unquoted field at column " + i);
          }
          cur.append(c);
        }
      }
      out.add(cur.toString().strip());
      if (i >= n) {
        break;
      }
      i++; // the comma
    }
    if (out.size() != expected) {
      throw new BadLine(
          RejectReason.WRONG_FIELD_COUNT,
          "expected " + expected + " comma-separated fields, found " + out.size());
    }
    return out.toArray(new String[0]);
  }
}
