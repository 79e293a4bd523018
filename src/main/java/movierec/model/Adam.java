package movierec.model;

/**
 * Adam (Kingma and Ba 2015) with an L2 penalty added to the gradient. Embedding tables and biases
 * are updated lazily: only the rows the batch touched, their moments included, as TensorFlow's
 * LazyAdam and PyTorch's SparseAdam do; the step count is the model's.
 */
public final class Adam {
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;

  private final double learningRate;
  private final double l2Embedding;
  private final double l2Dense;

  public Adam(double learningRate, double l2Embedding, double l2Dense) {
    this.learningRate = learningRate;
    this.l2Embedding = l2Embedding;
    this.l2Dense = l2Dense;
  }

  /** Applies the accumulated gradients to every parameter and clears them. */
  public void step(TwoTowerModel model) {
    model.step++;
    double c1 = 1 - Math.pow(BETA1, model.step);
    double c2 = 1 - Math.pow(BETA2, model.step);
    double lr = learningRate * Math.sqrt(c2) / c1;
    for (Param p : model.params()) {
      apply(p, lr);
    }
  }

  private void apply(Param p, double lr) {
    double l2 = !p.decay ? 0.0 : p.sparse ? l2Embedding : l2Dense;
    if (p.sparse) {
      for (int i = 0; i < p.touchedCount(); i++) {
        int off = p.touchedRow(i) * p.cols;
        update(p, off, off + p.cols, l2, lr);
      }
      p.clearTouched();
    } else {
      update(p, 0, p.w.length, l2, lr);
    }
  }

  /** One Adam update of {@code [from, to)}; the gradient there is read once and zeroed. */
  private static void update(Param p, int from, int to, double l2, double lr) {
    double[] w = p.w;
    double[] g = p.g;
    double[] m = p.m;
    double[] v = p.v;
    for (int i = from; i < to; i++) {
      double gi = g[i] + l2 * w[i];
      g[i] = 0;
      m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
      v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
      w[i] -= lr * m[i] / (Math.sqrt(v[i]) + EPSILON);
    }
  }
}
