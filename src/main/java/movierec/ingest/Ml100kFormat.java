package movierec.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The ML-100K layout: {@code u.user} {@code id|age|gender|occupation|zip} (age in years, occupation
 * a word), {@code u.item} {@code id|title|release date|video date|url|} followed by 19 genre flags
 * (Latin-1), and {@code u.data} {@code user\titem\trating\ttimestamp}.
 *
 * <p>Ages are bucketed into ML-1M's age codes (the raw age is kept in {@code age_years}) and
 * occupations become their index in {@code u.occupation}, so later jobs see one shape.
 */
final class Ml100kFormat {
  /** u.occupation, in file order: the index is the occupation code. */
  static final List<String> OCCUPATIONS =
      List.of(
          "administrator",
          "artist",
          "doctor",
          "educator",
          "engineer",
          "entertainment",
          "executive",
          "healthcare",
          "homemaker",
          "lawyer",
          "librarian",
          "marketing",
          "none",
          "other",
          "programmer",
          "retired",
          "salesman",
          "scientist",
          "student",
          "technician",
          "writer");

  /** u.genre, in flag order. The "unknown" flag marks a movie with no genre and adds none. */
  static final List<String> GENRES =
      List.of(
          "unknown",
          "Action",
          "Adventure",
          "Animation",
          "Children's",
          "Comedy",
          "Crime",
          "Documentary",
          "Drama",
          "Fantasy",
          "Film-Noir",
          "Horror",
          "Musical",
          "Mystery",
          "Romance",
          "Sci-Fi",
          "Thriller",
          "War",
          "Western");

  private static final int ITEM_FIELDS = 5 + 19;

  static final LineParser USERS =
      line -> {
        String[] f = Fields.split(line, "|", 5);
        int years = ageYears(f[1]);
        return new Object[] {
          Fields.id("user id", f[0]),
          Fields.gender(f[2]),
          bucket(years),
          years,
          occupation(f[3]),
          Fields.zip(f[4])
        };
      };

  static final LineParser MOVIES =
      line -> {
        String[] f = Fields.split(line, "|", ITEM_FIELDS);
        int id = Fields.id("movie id", f[0]);
        Object[] titleYear = Fields.titleAndYear(f[1]);
        Object year = titleYear[1] != null ? titleYear[1] : releaseYear(f[2]);
        return new Object[] {id, titleYear[0], year, genres(f), f[1]};
      };

  static final LineParser RATINGS =
      line -> {
        String[] f = Fields.split(line, "\t", 4);
        return new Object[] {
          Fields.id("user id", f[0]),
          Fields.id("movie id", f[1]),
          Fields.wholeStars(f[2]),
          Fields.timestamp(f[3])
        };
      };

  private Ml100kFormat() {}

  private static int ageYears(String s) throws BadLine {
    try {
      int v = Integer.parseInt(s);
      if (v >= 1 && v <= 120) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the same message as an out-of-range age
    }
    throw new BadLine(
        RejectReason.BAD_AGE, "age '" + s + "' is not a whole number of years 1..120");
  }

  /** The ML-1M age code of an age in years. */
  static int bucket(int years) {
    return Lookups.ageCode(years);
  }

  private static int occupation(String s) throws BadLine {
    int code = OCCUPATIONS.indexOf(s.toLowerCase(java.util.Locale.ROOT));
    if (code < 0) {
      throw new BadLine(
          RejectReason.BAD_OCCUPATION, "occupation '" + s + "' is not one of u.occupation's");
    }
    return code;
  }

  /** "01-Jan-1995" gives 1995; anything else gives null. */
  private static Integer releaseYear(String s) {
    if (s.length() >= 4 && s.substring(s.length() - 4).chars().allMatch(Character::isDigit)) {
      return Integer.valueOf(s.substring(s.length() - 4));
    }
    return null;
  }

  private static scala.collection.immutable.Seq<String> genres(String[] f) throws BadLine {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < GENRES.size(); i++) {
      String flag = f[5 + i];
      if (flag.equals("1")) {
        if (i > 0) {
          out.add(GENRES.get(i));
        }
      } else if (!flag.equals("0")) {
        throw new BadLine(
            RejectReason.BAD_GENRE_FLAGS,
            "genre flag " + (i + 1) + " (" + GENRES.get(i) + ") is '" + flag + "', not 0 or 1");
      }
    }
    return Fields.seq(out);
  }
}
