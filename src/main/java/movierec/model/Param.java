package movierec.model;

import java.util.Arrays;

/**
 * One parameter tensor (row-major {@code rows x cols}) with its gradient and Adam moments. A sparse
 * parameter is an embedding table: only the rows a batch touched carry gradient, and only those
 * rows are updated (lazy Adam, as TensorFlow's LazyAdam and PyTorch's SparseAdam do).
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
    this.w = new double[n];
    this.g = new double[n];
    this.m = new double[n];
    this.v = new double[n];
    this.touched = sparse ? new boolean[rows] : null;
    this.touchedRows = sparse ? new int[Math.min(rows, 1024)] : null;
    this.roundTouched = sparse ? new java.util.BitSet(rows) : null;
  }

  public String name() {
    return name;
  }

  public int size() {
    return w.length;
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
        Arrays.fill(g, off, off + cols, 0.0);
      }
      clearTouched();
    } else {
      Arrays.fill(g, 0.0);
    }
  }
}
