package movierec.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The model's input vocabularies: which row of which embedding an id or attribute value uses. Row 0
 * of the id and attribute tables is "unknown" (cold-start users and movies, missing demographics);
 * row 0 of the genre and word tables is padding (a zero vector), row 1 of the word table is an
 * unknown word. Saved with the model so later jobs encode inputs the same way.
 */
public record InputSpace(
    int[] userIds,
    int[] movieIds,
    String[] genders,
    int[] ages,
    int[] occupations,
    String[] genres,
    String[] words,
    int genreSlots)
    implements Serializable {

  public static final int UNKNOWN = 0;
  public static final int PADDING = 0;
  public static final int UNKNOWN_WORD = 1;

  public InputSpace {
    userIds = sortedCopy(userIds);
    movieIds = sortedCopy(movieIds);
    genders = genders.clone();
    ages = ages.clone();
    occupations = occupations.clone();
    genres = sortedCopy(genres);
    words = sortedCopy(words);
  }

  private static String[] sortedCopy(String[] values) {
    String[] c = values.clone();
    Arrays.sort(c);
    return c;
  }

  private static int[] sortedCopy(int[] ids) {
    int[] c = ids.clone();
    Arrays.sort(c);
    return c;
  }

  public int userRows() {
    return userIds.length + 1;
  }

  public int movieRows() {
    return movieIds.length + 1;
  }

  public int userIndex(int userId) {
    int i = Arrays.binarySearch(userIds, userId);
    return i < 0 ? UNKNOWN : i + 1;
  }

  public int movieIndex(int movieId) {
    int i = Arrays.binarySearch(movieIds, movieId);
    return i < 0 ? UNKNOWN : i + 1;
  }

  public int genderIndex(String gender) {
    return indexOf(genders, gender, 1, UNKNOWN);
  }

  public int ageIndex(Integer age) {
    return age == null ? UNKNOWN : indexOf(ages, age);
  }

  public int occupationIndex(Integer occupation) {
    return occupation == null ? UNKNOWN : indexOf(occupations, occupation);
  }

  /** A genre's row, or padding for a genre the model was not trained with. */
  public int genreIndex(String genre) {
    return sortedIndexOf(genres, genre, 1, PADDING);
  }

  public int wordIndex(String word) {
    return sortedIndexOf(words, word, 2, UNKNOWN_WORD);
  }

  private static int sortedIndexOf(String[] sorted, String v, int first, int missing) {
    int i = v == null ? -1 : Arrays.binarySearch(sorted, v);
    return i < 0 ? missing : i + first;
  }

  private static int indexOf(String[] values, String v, int first, int missing) {
    if (v == null) {
      return missing;
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i].equals(v)) {
        return i + first;
      }
    }
    return missing;
  }

  private static int indexOf(int[] values, int v) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == v) {
        return i + 1;
      }
    }
    return UNKNOWN;
  }

  /** Encodes a movie's genres into {@code genreSlots} rows, padded. */
  public int[] genreRow(Iterable<String> movieGenres) {
    int[] row = new int[genreSlots];
    int k = 0;
    for (String g : movieGenres) {
      int idx = genreIndex(g);
      if (idx != PADDING && k < genreSlots) {
        row[k++] = idx;
      }
    }
    return row;
  }

  /** Encodes a title's tokens into {@code length} rows, padded at the end, truncated. */
  public int[] titleRow(Iterable<String> tokens, int length) {
    int[] row = new int[length];
    int k = 0;
    for (String t : tokens) {
      if (k == length) {
        break;
      }
      row[k++] = wordIndex(t);
    }
    return row;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputSpace s
        && Arrays.equals(userIds, s.userIds)
        && Arrays.equals(movieIds, s.movieIds)
        && Arrays.equals(genders, s.genders)
        && Arrays.equals(ages, s.ages)
        && Arrays.equals(occupations, s.occupations)
        && Arrays.equals(genres, s.genres)
        && Arrays.equals(words, s.words)
        && genreSlots == s.genreSlots;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(userIds) * 31 + Arrays.hashCode(movieIds);
  }

  @Override
  public String toString() {
    return "InputSpace[users=%d, movies=%d, genders=%d, ages=%d, occupations=%d, genres=%d,"
            .formatted(
                userIds.length,
                movieIds.length,
                genders.length,
                ages.length,
                occupations.length,
                genres.length)
        + " words=%d, genreSlots=%d]".formatted(words.length, genreSlots);
  }
}
