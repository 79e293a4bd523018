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
    double[] w = table.w;
    for (int i = 0; i < w.length; i++) {
      w[i] = (2 * rnd.nextDouble() - 1) * scale;
    }
    if (padding >= 0) {
      java.util.Arrays.fill(w, padding * dim, (padding + 1) * dim, 0.0);
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
    double[] w = table.w;
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
    double[] g = table.g;
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
   */
  double[] forwardBag(Bag bag, int n) {
    this.bag = bag;
    if (y.length < n * dim) {
      y = new double[n * dim];
    }
    java.util.Arrays.fill(y, 0, n * dim, 0.0);
    double[] w = table.w;
    for (int r = 0; r < n; r++) {
      int yo = r * dim;
      for (int p = bag.start[r]; p < bag.start[r + 1]; p++) {
        int wo = bag.rows[p] * dim;
        double s = bag.weights[p];
        for (int d = 0; d < dim; d++) {
          y[yo + d] += s * w[wo + d];
        }
      }
    }
    return y;
  }

  /** Accumulates the gradient of the bags of the last {@link #forwardBag}. */
  void backwardBag(double[] dy, int n) {
    double[] g = table.g;
    for (int r = 0; r < n; r++) {
      int yo = r * dim;
      for (int p = bag.start[r]; p < bag.start[r + 1]; p++) {
        int id = bag.rows[p];
        double s = bag.weights[p];
        table.touch(id);
        int go = id * dim;
        for (int d = 0; d < dim; d++) {
          g[go + d] += s * dy[yo + d];
        }
      }
    }
  }
}
