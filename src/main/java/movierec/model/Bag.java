package movierec.model;

import java.util.Arrays;

/**
 * A weighted bag of embedding rows per example, in compressed rows: example {@code i} sums rows
 * {@code rows[start[i]..start[i+1])}, each times its weight. The history input (a user's movies)
 * and the raters input (a movie's users and their ratings) are bags. Examples must be set in order,
 * 0 first.
 */
final class Bag {
  final int[] start;
  int[] rows = new int[0];
  double[] weights = new double[0];

  Bag(int capacity) {
    start = new int[capacity + 1];
  }

  /**
   * Sets example {@code i} to {@code ids[0..count)}, each weighted by {@code values[k]} (1 when
   * {@code values} is null) times count^-1/2, so a long list does not outweigh a short one.
   */
  void set(int i, int[] ids, double[] values, int count) {
    set(i, ids, values, count, 1);
  }

  /**
   * The same for a sample of a longer list, {@code expansion} times as long: each weight is scaled
   * by (count x expansion)^-1/2 x expansion, so the sample's sum estimates the whole list's (the
   * input a model trained on the sample meets is, on average, the one it would have met).
   */
  void set(int i, int[] ids, double[] values, int count, double expansion) {
    int from = start[i];
    if (rows.length < from + count) {
      int len = Math.max(from + count, 2 * rows.length);
      rows = Arrays.copyOf(rows, len);
      weights = Arrays.copyOf(weights, len);
    }
    System.arraycopy(ids, 0, rows, from, count);
    double scale =
        count == 0 ? 0 : expansion == 1 ? 1 / Math.sqrt(count) : Math.sqrt(expansion / count);
    for (int k = 0; k < count; k++) {
      weights[from + k] = values == null ? scale : values[k] * scale;
    }
    start[i + 1] = from + count;
  }

  /** Example {@code i}'s rows. */
  int[] rows(int i) {
    return Arrays.copyOfRange(rows, start[i], start[i + 1]);
  }

  /** Example {@code i}'s weights. */
  double[] weights(int i) {
    return Arrays.copyOfRange(weights, start[i], start[i + 1]);
  }
}
