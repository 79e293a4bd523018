package movierec.model;

/**
 * A fully connected layer {@code y = act(x W + b)} over a batch, {@code W} stored {@code in x out}.
 * Every product is written as a row-times-matrix sweep whose inner loop runs over contiguous memory
 * ({@code y[n, :] += x[n, i] * W[i, :]}), the shape the JIT turns into SIMD code; the input
 * gradient uses a transposed copy of {@code W} for the same reason.
 */
public final class Dense {
  final int in;
  final int out;
  final Activation act;
  final Param weight;
  final Param bias;
  private double[] x;
  private double[] y = new double[0];
  private double[] dx = new double[0];
  private final double[] wt;

  Dense(String name, int in, int out, Activation act) {
    this.in = in;
    this.out = out;
    this.act = act;
    this.weight = new Param(name + ".w", in, out, false, true);
    this.bias = new Param(name + ".b", 1, out, false, false);
    this.wt = new double[in * out];
  }

  /** Glorot-uniform weights (scaled for tanh/linear, He-style for ReLU), zero bias. */
  void init(java.util.SplittableRandom rnd) {
    double gain = act == Activation.RELU ? Math.sqrt(2.0) : 1.0;
    double limit = gain * Math.sqrt(6.0 / (in + out));
    for (int i = 0; i < weight.w.length; i++) {
      weight.w[i] = (2 * rnd.nextDouble() - 1) * limit;
    }
  }

  /** Outputs for {@code n} rows of {@code input} ({@code n x in}); the array is reused. */
  double[] forward(double[] input, int n) {
    x = input;
    if (y.length < n * out) {
      y = new double[n * out];
    }
    double[] w = weight.w;
    double[] b = bias.w;
    for (int r = 0; r < n; r++) {
      int yo = r * out;
      System.arraycopy(b, 0, y, yo, out);
      int xo = r * in;
      for (int i = 0; i < in; i++) {
        double xi = x[xo + i];
        if (xi == 0.0) {
          continue;
        }
        int wo = i * out;
        for (int j = 0; j < out; j++) {
          y[yo + j] += xi * w[wo + j];
        }
      }
    }
    act.forward(y, n * out);
    return y;
  }

  /**
   * Accumulates parameter gradients from {@code dy} (changed in place) and returns dL/dx, or null
   * when {@code needInput} is false (a first layer over embeddings still needs it).
   */
  double[] backward(double[] dy, int n, boolean needInput) {
    act.backward(y, dy, n * out);
    double[] gw = weight.g;
    double[] gb = bias.g;
    for (int r = 0; r < n; r++) {
      int yo = r * out;
      for (int j = 0; j < out; j++) {
        gb[j] += dy[yo + j];
      }
      int xo = r * in;
      for (int i = 0; i < in; i++) {
        double xi = x[xo + i];
        if (xi == 0.0) {
          continue;
        }
        int wo = i * out;
        for (int j = 0; j < out; j++) {
          gw[wo + j] += xi * dy[yo + j];
        }
      }
    }
    if (!needInput) {
      return null;
    }
    double[] w = weight.w;
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < out; j++) {
        wt[j * in + i] = w[i * out + j];
      }
    }
    if (dx.length < n * in) {
      dx = new double[n * in];
    }
    java.util.Arrays.fill(dx, 0, n * in, 0.0);
    for (int r = 0; r < n; r++) {
      int yo = r * out;
      int xo = r * in;
      for (int j = 0; j < out; j++) {
        double d = dy[yo + j];
        if (d == 0.0) {
          continue;
        }
        int to = j * in;
        for (int i = 0; i < in; i++) {
          dx[xo + i] += d * wt[to + i];
        }
      }
    }
    return dx;
  }
}
