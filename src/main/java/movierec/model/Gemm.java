package movierec.model;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * Matrix products of row-major arrays: through native BLAS dgemm where the machine has OpenBLAS
 * (3-5x the JIT's loops on the regressor's dense layers), through the plain loops of {@link Loops}
 * otherwise. BLAS is column-major, so a row-major {@code r x c} array is read as its {@code c x r}
 * transpose and every product below is written transposed. Native BLAS runs one thread per call
 * (submit.sh sets {@code OPENBLAS_NUM_THREADS=1}), so a product is deterministic for given inputs.
 *
 * <p>Not netlib's own Java fallback: it picks its Vector API implementation in a JVM that loaded
 * {@code jdk.incubator.vector} (Spark's executors do) and another elsewhere (submit.sh's embedded
 * driver), and the two round differently, so a model trained on a cluster would not be the bytes of
 * the same model trained locally.
 */
public final class Gemm {
  private static final BLAS NATIVE = nativeBlas();

  private Gemm() {}

  private static BLAS nativeBlas() {
    try {
      return NativeBLAS.getInstance();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Whether the products run on native BLAS. */
  public static boolean isNative() {
    return NATIVE != null;
  }

  /** {@code c (n x m) = beta c + a (n x k) b (k x m)}. */
  public static void ab(double[] a, double[] b, double[] c, int n, int k, int m, double beta) {
    if (NATIVE != null) {
      NATIVE.dgemm("N", "N", m, n, k, 1.0, b, m, a, k, beta, c, m);
    } else {
      Loops.ab(a, b, c, n, k, m, beta);
    }
  }

  /** {@code c (k x m) = beta c + alpha a^T b}, with {@code a (n x k)} and {@code b (n x m)}. */
  public static void atb(
      double[] a, double[] b, double[] c, int n, int k, int m, double alpha, double beta) {
    if (NATIVE != null) {
      NATIVE.dgemm("N", "T", m, k, n, alpha, b, m, a, k, beta, c, m);
    } else {
      Loops.atb(a, b, c, n, k, m, alpha, beta);
    }
  }

  /** {@code c (n x m) = beta c + alpha a b^T}, with {@code a (n x k)} and {@code b (m x k)}. */
  public static void abt(
      double[] a, double[] b, double[] c, int n, int k, int m, double alpha, double beta) {
    if (NATIVE != null) {
      NATIVE.dgemm("T", "N", m, n, k, alpha, b, k, a, k, beta, c, m);
    } else {
      Loops.abt(a, b, c, n, k, m, alpha, beta);
    }
  }

  /**
   * {@code c (n x m) = a (n x k) b^T} in single precision, with {@code b (m x k)}, the rows of
   * {@code a} from offset {@code aOff} and those of {@code b} from {@code bOff}: n vectors scored
   * against m (users of a block against movies of one). Native sgemm where the machine has it;
   * otherwise each entry is the plain loop's sum in double, rounded once to float.
   */
  public static void abt(float[] a, int aOff, float[] b, int bOff, float[] c, int n, int k, int m) {
    if (NATIVE != null) {
      NATIVE.sgemm("T", "N", m, n, k, 1f, b, bOff, k, a, aOff, k, 0f, c, 0, m);
    } else {
      Loops.abt(a, aOff, b, bOff, c, n, k, m);
    }
  }

  /**
   * The same products in plain Java, in a fixed order: the same bits on every JVM. Four terms of
   * the inner dimension are added up before they meet {@code c}, so a row of {@code c} is read and
   * written a quarter as often (the products are memory-bound otherwise).
   */
  static final class Loops {
    private Loops() {}

    static void ab(double[] a, double[] b, double[] c, int n, int k, int m, double beta) {
      scale(c, n * m, beta);
      for (int i = 0; i < n; i++) {
        rowTimes(a, i * k, 1, 1.0, b, k, m, c, i * m);
      }
    }

    static void atb(
        double[] a, double[] b, double[] c, int n, int k, int m, double alpha, double beta) {
      scale(c, k * m, beta);
      // Row p of c is column p of a (stride k) times b.
      for (int p = 0; p < k; p++) {
        rowTimes(a, p, k, alpha, b, n, m, c, p * m);
      }
    }

    static void abt(
        double[] a, double[] b, double[] c, int n, int k, int m, double alpha, double beta) {
      double[] bt = new double[k * m];
      for (int j = 0; j < m; j++) {
        for (int p = 0; p < k; p++) {
          bt[p * m + j] = b[j * k + p];
        }
      }
      scale(c, n * m, beta);
      for (int i = 0; i < n; i++) {
        rowTimes(a, i * k, 1, alpha, bt, k, m, c, i * m);
      }
    }

    static void abt(float[] a, int aOff, float[] b, int bOff, float[] c, int n, int k, int m) {
      for (int i = 0; i < n; i++) {
        int ao = aOff + i * k;
        for (int j = 0; j < m; j++) {
          int bo = bOff + j * k;
          double s = 0;
          for (int p = 0; p < k; p++) {
            s += (double) a[ao + p] * b[bo + p];
          }
          c[i * m + j] = (float) s;
        }
      }
    }

    /**
     * {@code c[co..co+m) += alpha * sum_p x[xo + p * xs] * y[p * m..p * m + m)} over {@code p <
     * len}: a row vector (read with stride {@code xs}) times the {@code len x m} matrix y.
     */
    private static void rowTimes(
        double[] x, int xo, int xs, double alpha, double[] y, int len, int m, double[] c, int co) {
      int p = 0;
      for (; p + 4 <= len; p += 4) {
        double s0 = alpha * x[xo + p * xs];
        double s1 = alpha * x[xo + (p + 1) * xs];
        double s2 = alpha * x[xo + (p + 2) * xs];
        double s3 = alpha * x[xo + (p + 3) * xs];
        int y0 = p * m;
        for (int j = 0; j < m; j++) {
          c[co + j] +=
              s0 * y[y0 + j] + s1 * y[y0 + m + j] + s2 * y[y0 + 2 * m + j] + s3 * y[y0 + 3 * m + j];
        }
      }
      for (; p < len; p++) {
        double s = alpha * x[xo + p * xs];
        int yo = p * m;
        for (int j = 0; j < m; j++) {
          c[co + j] += s * y[yo + j];
        }
      }
    }

    /** BLAS's beta: 0 overwrites (whatever c held), 1 keeps. */
    private static void scale(double[] c, int len, double beta) {
      if (beta == 0) {
        java.util.Arrays.fill(c, 0, len, 0.0);
      } else if (beta != 1) {
        for (int i = 0; i < len; i++) {
          c[i] *= beta;
        }
      }
    }
  }
}
