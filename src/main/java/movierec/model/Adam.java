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
      if (p.touchedCount() * 8L > p.rows) {
        // Most rows were touched (a wide bag's table): in row order the updates stream through
        // memory instead of jumping to each row in the order the batch first touched it.
        for (int row = 0; row < p.rows; row++) {
          if (p.isTouched(row)) {
            updateRows(p, row * p.cols, (row + 1) * p.cols, l2, lr);
          }
        }
      } else {
        for (int i = 0; i < p.touchedCount(); i++) {
          int off = p.touchedRow(i) * p.cols;
          updateRows(p, off, off + p.cols, l2, lr);
        }
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

  /**
   * The same for a sparse parameter's float rows, in float arithmetic: at the 25M shape nearly
   * every row of the wide tables is touched in a batch, so this loop is a dense Adam over millions
   * of entries a step, and float lets the JIT run it eight lanes wide.
   */
  private static void updateRows(Param p, int from, int to, double l2, double lr) {
    float[] w = p.fw;
    float[] g = p.fg;
    float[] m = p.fm;
    float[] v = p.fv;
    float b1 = (float) BETA1;
    float a1 = (float) (1 - BETA1);
    float b2 = (float) BETA2;
    float a2 = (float) (1 - BETA2);
    float eps = (float) EPSILON;
    float rate = (float) lr;
    float decay = (float) l2;
    for (int i = from; i < to; i++) {
      float gi = g[i] + decay * w[i];
      g[i] = 0f;
      float mi = b1 * m[i] + a1 * gi;
      float vi = b2 * v[i] + a2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] -= rate * mi / ((float) Math.sqrt(vi) + eps);
    }
  }
}
