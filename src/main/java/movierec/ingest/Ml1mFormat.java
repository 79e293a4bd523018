package movierec.ingest;

import java.util.List;

/**
 * The ML-1M layout: {@code users.dat} {@code UserID::Gender::Age::Occupation::Zip}, {@code
 * movies.dat} {@code MovieID::Title::Genres} (Latin-1), {@code ratings.dat} {@code
 * UserID::MovieID::Rating::Timestamp} with whole stars 1..5. ML-10M has the same movies and ratings
 * lines, rated in half stars 0.5..5, and no users file.
 */
final class Ml1mFormat {
  static final String SEP = "::";

  /** ML-1M's age buckets: 1 "Under 18", 18 "18-24", ..., 50 "50-55", 56 "56+". */
  static final List<Integer> AGE_CODES = Lookups.ageCodes();

  /** ML-1M's occupation codes, 0 "other or not specified" to 20 "writer". */
  static final int MAX_OCCUPATION = Lookups.ML_1M_OCCUPATIONS.size() - 1;

  static final LineParser USERS =
      line -> {
        String[] f = Fields.split(line, SEP, 5);
        return new Object[] {
          Fields.id("user id", f[0]),
          Fields.gender(f[1]),
          ageCode(f[2]),
          null,
          occupation(f[3]),
          Fields.zip(f[4])
        };
      };

  static final LineParser MOVIES =
      line -> {
        String[] f = Fields.split(line, SEP, 3);
        int id = Fields.id("movie id", f[0]);
        Object[] titleYear = Fields.titleAndYear(f[1]);
        return new Object[] {id, titleYear[0], titleYear[1], Fields.genres(f[2]), f[1]};
      };

  static final LineParser RATINGS = line -> rating(line, false);

  static final LineParser HALF_STAR_RATINGS = line -> rating(line, true);

  private static Object[] rating(String line, boolean halfStars) throws BadLine {
    String[] f = Fields.split(line, SEP, 4);
    return new Object[] {
      Fields.id("user id", f[0]),
      Fields.id("movie id", f[1]),
      halfStars ? Fields.halfStars(f[2]) : Fields.wholeStars(f[2]),
      Fields.timestamp(f[3])
    };
  }

  private Ml1mFormat() {}

  private static int ageCode(String s) throws BadLine {
    try {
      int v = Integer.parseInt(s);
      if (AGE_CODES.contains(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the same message as an unknown code
    }
    throw new BadLine(
        RejectReason.BAD_AGE, "age code '" + s + "' is not one of ML-1M's " + AGE_CODES);
  }

  private static int occupation(String s) throws BadLine {
    try {
      int v = Integer.parseInt(s);
      if (v >= 0 && v <= MAX_OCCUPATION) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the same message as an out-of-range code
    }
    throw new BadLine(
        RejectReason.BAD_OCCUPATION,
        "occupation code '" + s + "' is not a whole number from 0 to " + MAX_OCCUPATION);
  }
}
