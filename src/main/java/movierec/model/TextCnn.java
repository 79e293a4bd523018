package movierec.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The tutorial's text CNN over a title: for each window size {@code w}, {@code filters}
 * convolutions over {@code w} consecutive word vectors, ReLU, max-pooled over time; the pooled
 * values of all window sizes are concatenated ({@code windows x filters} out).
 *
 * <p>Padded positions are zero vectors and are skipped, which is exact and makes the cost
 * proportional to the title's real length (MovieLens titles have about four tokens of the fifteen
 * slots). The backward pass only visits each filter's arg-max position.
 */
public final class TextCnn {
  final int length;
  final int dim;
  final int filters;
  final int[] windows;
  final Param[] kernels;
  final Param[] biases;
  private final int padding;
  private int[] ids;
  private double[] x;
  private double[] y = new double[0];
  private int[] argmax = new int[0];
  private double[] dx = new double[0];
  private final double[] conv;

  /**
   * @param padding the id whose position holds a zero vector
   */
  TextCnn(String name, int length, int dim, int filters, int[] windows, int padding) {
    this.length = length;
    this.dim = dim;
    this.filters = filters;
    this.windows = windows.clone();
    this.padding = padding;
    this.kernels = new Param[windows.length];
    this.biases = new Param[windows.length];
    for (int i = 0; i < windows.length; i++) {
      if (windows[i] > length) {
        throw new IllegalArgumentException(
            "window " + windows[i] + " is longer than the title length " + length);
      }
      kernels[i] = new Param(name + ".k" + windows[i], windows[i] * dim, filters, false, true);
      biases[i] = new Param(name + ".b" + windows[i], 1, filters, false, false);
    }
    this.conv = new double[length * filters];
  }

  int outputs() {
    return windows.length * filters;
  }

  void init(SplittableRandom rnd) {
    for (Param k : kernels) {
      double limit = Math.sqrt(2.0) * Math.sqrt(6.0 / (k.rows + k.cols));
      for (int i = 0; i < k.w.length; i++) {
        k.w[i] = (2 * rnd.nextDouble() - 1) * limit;
      }
    }
  }

  /** {@code x} is {@code n x length x dim}, {@code ids} the {@code n x length} word ids. */
  double[] forward(double[] x, int[] ids, int n) {
    this.x = x;
    this.ids = ids;
    int outs = outputs();
    if (y.length < n * outs) {
      y = new double[n * outs];
      argmax = new int[n * outs];
    }
    for (int r = 0; r < n; r++) {
      for (int wi = 0; wi < windows.length; wi++) {
        forwardWindow(r, wi, r * outs + wi * filters);
      }
    }
    return y;
  }

  private void forwardWindow(int r, int wi, int yo) {
    int w = windows[wi];
    int positions = length - w + 1;
    double[] k = kernels[wi].w;
    double[] b = biases[wi].w;
    for (int t = 0; t < positions; t++) {
      System.arraycopy(b, 0, conv, t * filters, filters);
    }
    for (int p = 0; p < length; p++) {
      if (ids[r * length + p] == padding) {
        continue;
      }
      int xo = (r * length + p) * dim;
      for (int j = 0; j < w; j++) {
        int t = p - j;
        if (t < 0 || t >= positions) {
          continue;
        }
        int co = t * filters;
        int ko = j * dim * filters;
        for (int d = 0; d < dim; d++) {
          double xv = x[xo + d];
          int kd = ko + d * filters;
          for (int f = 0; f < filters; f++) {
            conv[co + f] += xv * k[kd + f];
          }
        }
      }
    }
    for (int f = 0; f < filters; f++) {
      double best = conv[f];
      int arg = 0;
      for (int t = 1; t < positions; t++) {
        double c = conv[t * filters + f];
        if (c > best) {
          best = c;
          arg = t;
        }
      }
      y[yo + f] = best > 0 ? best : 0.0;
      argmax[yo + f] = arg;
    }
  }

  /** Accumulates kernel and bias gradients; returns dL/dx ({@code n x length x dim}). */
  double[] backward(double[] dy, int n) {
    int outs = outputs();
    if (dx.length < n * length * dim) {
      dx = new double[n * length * dim];
    }
    Arrays.fill(dx, 0, n * length * dim, 0.0);
    for (int r = 0; r < n; r++) {
      for (int wi = 0; wi < windows.length; wi++) {
        double[] k = kernels[wi].w;
        double[] gk = kernels[wi].g;
        double[] gb = biases[wi].g;
        for (int f = 0; f < filters; f++) {
          int yo = r * outs + wi * filters + f;
          double d = dy[yo];
          if (y[yo] <= 0 || d == 0.0) {
            continue;
          }
          gb[f] += d;
          int t = argmax[yo];
          for (int j = 0; j < windows[wi]; j++) {
            int p = t + j;
            if (ids[r * length + p] == padding) {
              continue;
            }
            int xo = (r * length + p) * dim;
            int ko = j * dim * filters + f;
            for (int dd = 0; dd < dim; dd++) {
              gk[ko + dd * filters] += x[xo + dd] * d;
              dx[xo + dd] += k[ko + dd * filters] * d;
            }
          }
        }
      }
    }
    return dx;
  }
}
