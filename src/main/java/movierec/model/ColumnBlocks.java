package movierec.model;

/**
 * Row-major matrices whose columns are the side-by-side outputs of a tower's inputs: {@code parts}
 * blocks of {@code width} columns each, the layout the dense layer after them reads.
 */
final class ColumnBlocks {
  private ColumnBlocks() {}

  /** Copies {@code src} ({@code n x width}) into column block {@code k} of {@code parts}. */
  static void concat(double[] cat, int parts, int k, double[] src, int n, int width) {
    for (int r = 0; r < n; r++) {
      System.arraycopy(src, r * width, cat, (r * parts + k) * width, width);
    }
  }

  /** Column block {@code k} of {@code cat} as a fresh {@code n x width} array. */
  static double[] slice(double[] cat, int parts, int k, int n, int width) {
    double[] out = new double[n * width];
    for (int r = 0; r < n; r++) {
      System.arraycopy(cat, (r * parts + k) * width, out, r * width, width);
    }
    return out;
  }
}
