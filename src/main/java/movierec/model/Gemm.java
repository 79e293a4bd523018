package movierec.model;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Matrix products of row-major arrays through BLAS dgemm: native OpenBLAS where the machine has it
 * (3-5x the JIT's loops on the regressor's dense layers), netlib's Java fallback otherwise. BLAS is
 * column-major, so a row-major {@code r x c} array is read as its {@code c x r} transpose and every
 * product below is written transposed. Native BLAS runs one thread per call (submit.sh sets {@code
 * OPENBLAS_NUM_THREADS=1}), so a product is deterministic for given inputs.
 */
public final class Gemm {
  private static final BLAS BLAS_IMPL = BLAS.getInstance();

  private Gemm() {}

  /** {@code c (n x m) = beta c + a (n x k) b (k x m)}. */
  public static void ab(double[] a, double[] b, double[] c, int n, int k, int m, double beta) {
    BLAS_IMPL.dgemm("N", "N", m, n, k, 1.0, b, m, a, k, beta, c, m);
  }

  /** {@code c (k x m) = beta c + alpha a^T b}, with {@code a (n x k)} and {@code b (n x m)}. */
  public static void atb(
      double[] a, double[] b, double[] c, int n, int k, int m, double alpha, double beta) {
    BLAS_IMPL.dgemm("N", "T", m, k, n, alpha, b, m, a, k, beta, c, m);
  }

  /** {@code c (n x m) = beta c + alpha a b^T}, with {@code a (n x k)} and {@code b (m x k)}. */
  public static void abt(
      double[] a, double[] b, double[] c, int n, int k, int m, double alpha, double beta) {
    BLAS_IMPL.dgemm("T", "N", m, n, k, alpha, b, k, a, k, beta, c, m);
  }
}
