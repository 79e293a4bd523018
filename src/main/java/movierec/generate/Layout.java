package movierec.generate;

import java.util.Locale;

/** The file layout generate writes, as ingest's {@code input.format} names it. */
public enum Layout {
  /** users.dat, movies.dat, ratings.dat: {@code ::}-separated, whole stars, demographics. */
  ML_1M,
  /**
   * ratings.csv and movies.csv (ML-20M, 25M, 32M): headers, titles quoted when they hold a comma,
   * half stars, no users file.
   */
  CSV;

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The layout of a {@code --layout} value (ml-1m, csv). */
  public static Layout of(String code) {
    for (Layout l : values()) {
      if (l.code().equalsIgnoreCase(code)) {
        return l;
      }
    }
    throw new movierec.cli.UsageException("--layout is ml-1m or csv, got " + code);
  }
}
