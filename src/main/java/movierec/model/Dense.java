package movierec.model;

/**
 * A fully connected layer {@code y = act(x W + b)} over a batch, {@code W} stored {@code in x out}.
 * The products go through {@link Gemm} (BLAS): the dense layers were a third of the regressor's
 * training time as JIT-compiled loops.
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

  Dense(String name, int in, int out, Activation act) {
    this.in = in;
    this.out = out;
    this.act = act;
    this.weight = new Param(name + ".w", in, out, false, true);
    this.bias = new Param(name + ".b", 1, out, false, false);
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
    for (int r = 0; r < n; r++) {
      System.arraycopy(bias.w, 0, y, r * out, out);
    }
    Gemm.ab(x, weight.w, y, n, in, out, 1.0);
    act.forward(y, n * out);
    return y;
  }

  /**
   * Accumulates parameter gradients from {@code dy} (changed in place) and returns dL/dx, or null
   * when {@code needInput} is false (a first layer over embeddings still needs it).
   */
  double[] backward(double[] dy, int n, boolean needInput) {
    act.backward(y, dy, n * out);
    double[] gb = bias.g;
    for (int r = 0; r < n; r++) {
      int yo = r * out;
      for (int j = 0; j < out; j++) {
        gb[j] += dy[yo + j];
      }
    }
    Gemm.atb(x, dy, weight.g, n, in, out, 1.0, 1.0);
    if (!needInput) {
      return null;
    }
    if (dx.length < n * in) {
      dx = new double[n * in];
    }
    Gemm.abt(dy, weight.w, dx, n, out, in, 1.0, 0.0);
    return dx;
  }
}
