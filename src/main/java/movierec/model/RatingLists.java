package movierec.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per row (a user or a movie), a list of ids sorted ascending and, when known, the ratings that go
 * with them less the mean (null when not known): a user's movies or a movie's raters.
 */
record RatingLists(int[][] ids, double[][] centred) implements Serializable {
  /**
   * Sorts each row's {@code ids}, carrying {@code ratings} (parallel to them, or null) along, less
   * {@code mean}.
   */
  static RatingLists sorted(int[][] ids, double[][] ratings, double mean) {
    if (ratings != null && ratings.length != ids.length) {
      throw new IllegalArgumentException("one rating list per id list");
    }
    int[][] sortedIds = new int[ids.length][];
    double[][] values = ratings == null ? null : new double[ids.length][];
    for (int r = 0; r < ids.length; r++) {
      int[] row = ids[r];
      Integer[] order = new Integer[row.length];
      for (int k = 0; k < order.length; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> Integer.compare(row[a], row[b]));
      sortedIds[r] = new int[row.length];
      for (int k = 0; k < row.length; k++) {
        sortedIds[r][k] = row[order[k]];
      }
      if (values != null) {
        values[r] = new double[row.length];
        for (int k = 0; k < row.length; k++) {
          values[r][k] = ratings[r][order[k]] - mean;
        }
      }
    }
    return new RatingLists(sortedIds, values);
  }

  /** Row {@code r}'s centred ratings, or null when not known. */
  double[] values(int r) {
    return centred == null ? null : centred[r];
  }
}
