package movierec.model;

import java.util.Arrays;

/**
 * One parameter tensor (row-major {@code rows x cols}) with its gradient and Adam moments. A sparse
 * parameter is an embedding table (or a per-id bias): only the rows a batch touched carry gradient,
 * and only those rows are updated (lazy Adam, as TensorFlow's LazyAdam and PyTorch's SparseAdam
 * do).
 *
 * <p>Dense parameters are stored in double ({@link #w}, {@link #g}, {@link #m}, {@link #v}: their
 * products go through dgemm); sparse ones in float ({@link #fw}, {@link #fg}, {@link #fm}, {@link
 * #fv}), and the arrays of the other kind are null. At the 25M shape a step's cost is the memory
 * traffic of the table rows it reads, writes and updates (a batch's movies' raters cover most
 * users), and float halves it; sums over rows are still taken in double. Snapshots ({@link
 * ModelState}) and model files hold doubles either way.
 */
public final class Param {
  final String name;
  final int rows;
  final int cols;
  final boolean sparse;
  final boolean decay;
  final double[] w;
  final double[] g;
  final double[] m;
  final double[] v;
  final float[] fw;
  final float[] fg;
  final float[] fm;
  final float[] fv;
  private final boolean[] touched;
  private int[] touchedRows;
  private int touchedCount;

  /** Rows touched since {@link #startRound}: which rows a replica's averaging weight covers. */
  private final java.util.BitSet roundTouched;

  /**
   * @param decay whether the L2 penalty applies (weights and embeddings; not layer biases)
   */
  Param(String name, int rows, int cols, boolean sparse, boolean decay) {
    this.name = name;
    this.rows = rows;
    this.cols = cols;
    this.sparse = sparse;
    this.decay = decay;
    int n = Math.multiplyExact(rows, cols);
    this.w = sparse ? null : new double[n];
    this.g = sparse ? null : new double[n];
    this.m = sparse ? null : new double[n];
    this.v = sparse ? null : new double[n];
    this.fw = sparse ? new float[n] : null;
    this.fg = sparse ? new float[n] : null;
    this.fm = sparse ? new float[n] : null;
    this.fv = sparse ? new float[n] : null;
    this.touched = sparse ? new boolean[rows] : null;
    this.touchedRows = sparse ? new int[Math.min(rows, 1024)] : null;
    this.roundTouched = sparse ? new java.util.BitSet(rows) : null;
  }

  public String name() {
    return name;
  }

  public int size() {
    return rows * cols;
  }

  double weight(int i) {
    return sparse ? fw[i] : w[i];
  }

  /** Sets a weight (a sparse parameter's is rounded to float). */
  void setWeight(int i, double x) {
    if (sparse) {
      fw[i] = (float) x;
    } else {
      w[i] = x;
    }
  }

  double grad(int i) {
    return sparse ? fg[i] : g[i];
  }

  /** What a snapshot copies: the weights, or Adam's first or second moments. */
  enum Slot {
    WEIGHTS,
    FIRST_MOMENT,
    SECOND_MOMENT
  }

  private double[] doubles(Slot s) {
    return s == Slot.WEIGHTS ? w : s == Slot.FIRST_MOMENT ? m : v;
  }

  private float[] floats(Slot s) {
    return s == Slot.WEIGHTS ? fw : s == Slot.FIRST_MOMENT ? fm : fv;
  }

  /** A slot's values as doubles (a copy). */
  double[] copy(Slot which) {
    if (!sparse) {
      return doubles(which).clone();
    }
    float[] f = floats(which);
    double[] out = new double[f.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = f[i];
    }
    return out;
  }

  /** Sets a slot from doubles (a sparse parameter's are rounded to float). */
  void load(Slot which, double[] from) {
    if (!sparse) {
      double[] d = doubles(which);
      System.arraycopy(from, 0, d, 0, d.length);
      return;
    }
    float[] f = floats(which);
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) from[i];
    }
  }

  /** Marks a row of a sparse parameter as carrying gradient in this step. */
  void touch(int row) {
    if (!touched[row]) {
      touched[row] = true;
      if (touchedCount == touchedRows.length) {
        touchedRows = Arrays.copyOf(touchedRows, Math.min(rows, touchedCount * 2));
      }
      touchedRows[touchedCount++] = row;
      roundTouched.set(row);
    }
  }

  /** Rows of a sparse parameter touched since the last {@link #startRound} (null if dense). */
  java.util.BitSet roundTouched() {
    return roundTouched == null ? null : (java.util.BitSet) roundTouched.clone();
  }

  void startRound() {
    if (roundTouched != null) {
      roundTouched.clear();
    }
  }

  boolean isTouched(int row) {
    return touched[row];
  }

  int touchedCount() {
    return touchedCount;
  }

  int touchedRow(int i) {
    return touchedRows[i];
  }

  /** Forgets the touched rows (after their gradient was applied and zeroed). */
  void clearTouched() {
    for (int i = 0; i < touchedCount; i++) {
      touched[touchedRows[i]] = false;
    }
    touchedCount = 0;
  }

  void zeroGrad() {
    if (sparse) {
      for (int i = 0; i < touchedCount; i++) {
        int off = touchedRows[i] * cols;
        Arrays.fill(fg, off, off + cols, 0f);
      }
      clearTouched();
    } else {
      Arrays.fill(g, 0.0);
    }
  }
}
