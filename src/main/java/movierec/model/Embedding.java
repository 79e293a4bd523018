package movierec.model;

import java.util.SplittableRandom;

/**
 * An embedding table. Row {@code padding} (when not -1) is a fixed zero vector: padded positions of
 * a title or a genre list contribute nothing and never receive gradient. Gradients are sparse: only
 * looked-up rows are touched.
 */
public final class Embedding {
  final int rows;
  final int dim;
  final int padding;
  final Param table;
  private int[] ids;
  private int width;
  private double[] y = new double[0];

  Embedding(String name, int rows, int dim, int padding) {
    this(name, rows, dim, padding, (long) rows * dim * Float.BYTES > ROW_ORDER_BYTES);
  }

  /** With the bags' order chosen ({@code byRow}), not derived from the table's size. */
  Embedding(String name, int rows, int dim, int padding, boolean byRow) {
    this.rows = rows;
    this.dim = dim;
    this.padding = padding;
    this.table = new Param(name, rows, dim, true, true);
    this.byRow = byRow;
  }

  /**
   * Bag tables of more float bytes than this are read and updated in row order ({@link
   * #forwardBagByRow}). Below it a table stays in the cache and the example-order loop is as fast.
   */
  static final long ROW_ORDER_BYTES = 4L << 20;

  /** Whether the bags of this table are summed and scattered in row order. */
  final boolean byRow;

  void init(SplittableRandom rnd, double scale) {
    float[] w = table.fw;
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) ((2 * rnd.nextDouble() - 1) * scale);
    }
    if (padding >= 0) {
      java.util.Arrays.fill(w, padding * dim, (padding + 1) * dim, 0f);
    }
  }

  /**
   * Looks up {@code n x width} ids. With {@code sum} the {@code width} rows of each example are
   * added up ({@code n x dim} out: a bag such as a movie's genres); without, they are laid side by
   * side ({@code n x width x dim}: a sequence such as a title).
   */
  double[] forward(int[] ids, int n, int width, boolean sum) {
    this.ids = ids;
    this.width = width;
    int outLen = sum ? n * dim : n * width * dim;
    if (y.length < outLen) {
      y = new double[outLen];
    }
    java.util.Arrays.fill(y, 0, outLen, 0.0);
    float[] w = table.fw;
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < width; k++) {
        int id = ids[r * width + k];
        if (id == padding) {
          continue;
        }
        int wo = id * dim;
        int yo = sum ? r * dim : (r * width + k) * dim;
        for (int d = 0; d < dim; d++) {
          y[yo + d] += w[wo + d];
        }
      }
    }
    return y;
  }

  /** Accumulates the gradient of the looked-up rows from dL/d(output) of the last forward. */
  void backward(double[] dy, int n, boolean sum) {
    float[] g = table.fg;
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < width; k++) {
        int id = ids[r * width + k];
        if (id == padding) {
          continue;
        }
        table.touch(id);
        int go = id * dim;
        int yo = sum ? r * dim : (r * width + k) * dim;
        for (int d = 0; d < dim; d++) {
          g[go + d] += dy[yo + d];
        }
      }
    }
  }

  private Bag bag;

  /**
   * The weighted sum of each example's bag ({@code n x dim} out): the history input (a user's rated
   * movies) or the raters input (a movie's users).
   *
   * <p>Eight columns at a time are summed in registers over the whole bag, then stored once,
   * instead of reading and writing the output row for every member: the bags are two thirds of
   * training time, and this made the regressor's ML-1M epochs about 8% faster (a float row of sums,
   * eight lanes wide, was 25% slower at the 25M shape). Each output is still 0 plus the members'
   * terms in bag order, so the sums are the bits of the one-column loop.
   */
  double[] forwardBag(Bag bag, int n) {
    this.bag = bag;
    if (y.length < n * dim) {
      y = new double[n * dim];
    }
    if (byRow) {
      return forwardBagByRow(bag, n);
    }
    float[] w = table.fw;
    int[] rows = bag.rows;
    double[] weights = bag.weights;
    int blocked = dim - dim % 8;
    for (int r = 0; r < n; r++) {
      int yo = r * dim;
      int from = bag.start[r];
      int to = bag.start[r + 1];
      for (int d = 0; d < blocked; d += 8) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        double a4 = 0;
        double a5 = 0;
        double a6 = 0;
        double a7 = 0;
        for (int p = from; p < to; p++) {
          int wo = rows[p] * dim + d;
          double s = weights[p];
          a0 += s * w[wo];
          a1 += s * w[wo + 1];
          a2 += s * w[wo + 2];
          a3 += s * w[wo + 3];
          a4 += s * w[wo + 4];
          a5 += s * w[wo + 5];
          a6 += s * w[wo + 6];
          a7 += s * w[wo + 7];
        }
        y[yo + d] = a0;
        y[yo + d + 1] = a1;
        y[yo + d + 2] = a2;
        y[yo + d + 3] = a3;
        y[yo + d + 4] = a4;
        y[yo + d + 5] = a5;
        y[yo + d + 6] = a6;
        y[yo + d + 7] = a7;
      }
      for (int d = blocked; d < dim; d++) {
        double a = 0;
        for (int p = from; p < to; p++) {
          a += weights[p] * w[rows[p] * dim + d];
        }
        y[yo + d] = a;
      }
    }
    return y;
  }

  /** dL/d(output) in float: one example's row in example order, the batch's in row order. */
  private float[] dyRows = new float[0];

  /**
   * Accumulates the gradient of the bags of the last {@link #forwardBag}. Each example's output
   * gradient is rounded to float once, so the scatter into the float table is float arithmetic (the
   * table's gradient is float anyway).
   */
  void backwardBag(double[] dy, int n) {
    if (byRow) {
      backwardBagByRow(dy, n);
      return;
    }
    float[] g = table.fg;
    if (dyRows.length < dim) {
      dyRows = new float[dim];
    }
    float[] row = dyRows;
    for (int r = 0; r < n; r++) {
      int yo = r * dim;
      for (int d = 0; d < dim; d++) {
        row[d] = (float) dy[yo + d];
      }
      for (int p = bag.start[r]; p < bag.start[r + 1]; p++) {
        int id = bag.rows[p];
        float s = (float) bag.weights[p];
        table.touch(id);
        int go = id * dim;
        for (int d = 0; d < dim; d++) {
          g[go + d] += s * row[d];
        }
      }
    }
  }

  /** The last bag's entries sorted by row (stable): row, example and weight of each. */
  private int[] sortedRow = new int[0];

  private int[] sortedExample = new int[0];
  private double[] sortedWeight = new double[0];
  private int[] rowStart = new int[0];
  private int sortedCount;

  /**
   * The bag sums of {@link #forwardBag} with the batch's entries visited in row order instead of
   * example order. A wide bag (a movie's raters at the 25M shape: a batch of 512 reads about
   * 380,000 rows of a 162,000-row table) jumps to a new row at every entry, and once the table is
   * larger than the cache each of those reads waits for memory; sorted by row (a counting sort, two
   * passes over the entries) the reads sweep the table in one direction, which the hardware
   * prefetches, and only the batch's outputs (n x dim) are revisited. Each output is still 0 plus
   * its members' terms, in row order: in bag order too when a bag lists its rows in increasing
   * order (raters and histories do), so the sums are the bits of the example-order loop.
   */
  private double[] forwardBagByRow(Bag bag, int n) {
    sortByRow(bag, n);
    java.util.Arrays.fill(y, 0, n * dim, 0.0);
    float[] w = table.fw;
    for (int q = 0; q < sortedCount; q++) {
      int wo = sortedRow[q] * dim;
      int yo = sortedExample[q] * dim;
      double s = sortedWeight[q];
      for (int d = 0; d < dim; d++) {
        y[yo + d] += s * w[wo + d];
      }
    }
    return y;
  }

  /**
   * The gradient scatter of {@link #backwardBag} in the row order of the last forward: the table's
   * gradient is written in one sweep, and each row's terms arrive in example order, as in the
   * example-order loop, so the gradient has the same bits.
   */
  private void backwardBagByRow(double[] dy, int n) {
    if (dyRows.length < n * dim) {
      dyRows = new float[n * dim];
    }
    for (int i = 0; i < n * dim; i++) {
      dyRows[i] = (float) dy[i];
    }
    float[] g = table.fg;
    int last = -1;
    for (int q = 0; q < sortedCount; q++) {
      int id = sortedRow[q];
      if (id != last) {
        table.touch(id);
        last = id;
      }
      int go = id * dim;
      int yo = sortedExample[q] * dim;
      float s = (float) sortedWeight[q];
      for (int d = 0; d < dim; d++) {
        g[go + d] += s * dyRows[yo + d];
      }
    }
  }

  /** Sorts the entries of examples 0..n-1 of {@code bag} by row, stably (a counting sort). */
  private void sortByRow(Bag bag, int n) {
    int count = bag.start[n];
    if (sortedRow.length < count) {
      int len = Math.max(count, 2 * sortedRow.length);
      sortedRow = new int[len];
      sortedExample = new int[len];
      sortedWeight = new double[len];
    }
    if (rowStart.length < rows + 1) {
      rowStart = new int[rows + 1];
    }
    java.util.Arrays.fill(rowStart, 0, rows + 1, 0);
    int[] ids = bag.rows;
    for (int p = 0; p < count; p++) {
      rowStart[ids[p] + 1]++;
    }
    for (int r = 0; r < rows; r++) {
      rowStart[r + 1] += rowStart[r];
    }
    for (int i = 0; i < n; i++) {
      for (int p = bag.start[i]; p < bag.start[i + 1]; p++) {
        int q = rowStart[ids[p]]++;
        sortedRow[q] = ids[p];
        sortedExample[q] = i;
        sortedWeight[q] = bag.weights[p];
      }
    }
    sortedCount = count;
  }
}
