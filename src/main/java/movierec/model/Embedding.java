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
    this.rows = rows;
    this.dim = dim;
    this.padding = padding;
    this.table = new Param(name, rows, dim, true, true);
  }

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

  private float[] dyRow = new float[0];

  /**
   * Accumulates the gradient of the bags of the last {@link #forwardBag}. Each example's output
   * gradient is rounded to float once, so the scatter into the float table is float arithmetic (the
   * table's gradient is float anyway).
   */
  void backwardBag(double[] dy, int n) {
    float[] g = table.fg;
    if (dyRow.length < dim) {
      dyRow = new float[dim];
    }
    float[] row = dyRow;
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
}
