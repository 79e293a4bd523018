package movierec.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Field-level parsing shared by every MovieLens format; each failure names field and value. */
final class Fields {
  /** "Title (1995)" or "Title (1995) " as MovieLens writes it; the year is the last group. */
  private static final Pattern TITLE_YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})\\)\\s*$");

  private Fields() {}

  /** Splits on a literal separator, failing unless there are exactly {@code expected} fields. */
  static String[] split(String line, String sep, int expected) throws BadLine {
    String[] out = new String[expected];
    int start = 0;
    for (int i = 0; i < expected - 1; i++) {
      int at = line.indexOf(sep, start);
      if (at < 0) {
        throw wrongCount(expected, i + 1, sep);
      }
      out[i] = line.substring(start, at).strip();
      start = at + sep.length();
    }
    if (line.indexOf(sep, start) >= 0) {
      int n = expected;
      for (int at = line.indexOf(sep, start); at >= 0; at = line.indexOf(sep, at + sep.length())) {
        n++;
      }
      throw wrongCount(expected, n, sep);
    }
    out[expected - 1] = line.substring(start).strip();
    return out;
  }

  private static BadLine wrongCount(int expected, int got, String sep) {
    return new BadLine(
        RejectReason.WRONG_FIELD_COUNT,
        "expected " + expected + " '" + sep + "'-separated fields, found " + got);
  }

  /** A positive 32-bit id. */
  static int id(String field, String s) throws BadLine {
    long v;
    try {
      v = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BadLine(RejectReason.BAD_ID, field + " '" + s + "' is not a whole number");
    }
    if (v <= 0 || v > Integer.MAX_VALUE) {
      throw new BadLine(
          RejectReason.BAD_ID, field + " " + v + " is outside 1.." + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  /** A rating on the whole-star scale 1..5 of ML-1M and ML-100K. */
  static double wholeStars(String s) throws BadLine {
    double v = number(s);
    if (v < 1 || v > 5 || v != Math.rint(v)) {
      throw new BadLine(
          RejectReason.BAD_RATING, "rating " + s + " is not a whole number of stars from 1 to 5");
    }
    return v;
  }

  /** A rating on the half-star scale 0.5..5 of the CSV releases. */
  static double halfStars(String s) throws BadLine {
    double v = number(s);
    if (v < 0.5 || v > 5 || v * 2 != Math.rint(v * 2)) {
      throw new BadLine(
          RejectReason.BAD_RATING, "rating " + s + " is not a multiple of 0.5 from 0.5 to 5");
    }
    return v;
  }

  private static double number(String s) throws BadLine {
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadLine(RejectReason.BAD_RATING, "rating '" + s + "' is not a number");
    }
  }

  /** Seconds since the epoch, never negative (0 stands for unknown in ml-1m-full). */
  static long timestamp(String s) throws BadLine {
    long v;
    try {
      v = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BadLine(RejectReason.BAD_TIMESTAMP, "timestamp '" + s + "' is not a whole number");
    }
    if (v < 0) {
      throw new BadLine(RejectReason.BAD_TIMESTAMP, "timestamp " + v + " is negative");
    }
    return v;
  }

  static String gender(String s) throws BadLine {
    if (s.equals("M") || s.equals("F")) {
      return s;
    }
    throw new BadLine(RejectReason.BAD_GENDER, "gender '" + s + "' is not M or F");
  }

  /** The zip code as written (MovieLens has forms like 55117-3413 and T8H1N); null when empty. */
  static String zip(String s) {
    return s.isEmpty() ? null : s;
  }

  /**
   * Splits a raw title into title and year: {@code "Misérables, Les (1995)"} gives {@code
   * ["Misérables, Les", 1995]}; a title without a four-digit year in parentheses at its end keeps
   * its text and a null year.
   */
  static Object[] titleAndYear(String raw) throws BadLine {
    String t = raw.strip();
    if (t.isEmpty()) {
      throw new BadLine(RejectReason.BAD_TITLE, "title is empty");
    }
    Matcher m = TITLE_YEAR.matcher(t);
    if (m.matches() && !m.group(1).isEmpty()) {
      return new Object[] {m.group(1), Integer.valueOf(m.group(2))};
    }
    return new Object[] {t, null};
  }

  /** "Action|Comedy" as a list; "(no genres listed)" and an empty field as an empty list. */
  static scala.collection.immutable.Seq<String> genres(String s) {
    List<String> out = new ArrayList<>();
    if (!s.isEmpty() && !s.equals("(no genres listed)")) {
      for (String g : s.split("\\|")) {
        String t = g.strip();
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return seq(out);
  }

  /** Spark's external type for an array column is a Scala Seq. */
  static scala.collection.immutable.Seq<String> seq(List<String> values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
  }
}
