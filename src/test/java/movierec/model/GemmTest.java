package movierec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GemmTest {
  private static double[] random(SplittableRandom rnd, int len) {
    double[] x = new double[len];
    for (int i = 0; i < len; i++) {
      x[i] = 2 * rnd.nextDouble() - 1;
    }
    return x;
  }

  /**
   * The plain-Java products (used where there is no native BLAS) against the definition, for every
   * beta case BLAS distinguishes (0 overwrites even a NaN, 1 keeps, others scale).
   */
  @Test
  void loopsComputeTheProductsByDefinition() {
    SplittableRandom rnd = new SplittableRandom(7);
    // 6 and 7: the loops' blocks of four and a remainder, along every inner dimension.
    int n = 7;
    int k = 6;
    int m = 4;
    for (double beta : new double[] {0, 1, 0.5}) {
      double alpha = -0.3;
      double[] c0 = random(rnd, Math.max(n, k) * m);
      c0[0] = beta == 0 ? Double.NaN : c0[0];

      double[] a = random(rnd, n * k);
      double[] b = random(rnd, k * m);
      double[] c = c0.clone();
      Gemm.Loops.ab(a, b, c, n, k, m, beta);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            s += a[i * k + p] * b[p * m + j];
          }
          double expected = (beta == 0 ? 0 : beta * c0[i * m + j]) + s;
          assertEquals(expected, c[i * m + j], 1e-12, "ab beta " + beta);
        }
      }

      double[] an = random(rnd, n * k);
      double[] bn = random(rnd, n * m);
      c = c0.clone();
      Gemm.Loops.atb(an, bn, c, n, k, m, alpha, beta);
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += an[i * k + p] * bn[i * m + j];
          }
          double expected = (beta == 0 ? 0 : beta * c0[p * m + j]) + alpha * s;
          assertEquals(expected, c[p * m + j], 1e-12, "atb beta " + beta);
        }
      }

      double[] bt = random(rnd, m * k);
      c = c0.clone();
      Gemm.Loops.abt(a, bt, c, n, k, m, alpha, beta);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            s += a[i * k + p] * bt[j * k + p];
          }
          double expected = (beta == 0 ? 0 : beta * c0[i * m + j]) + alpha * s;
          assertEquals(expected, c[i * m + j], 1e-12, "abt beta " + beta);
        }
      }
    }
  }

  /** Whichever way the machine runs them, the public products agree with the plain loops. */
  @Test
  void productsAgreeWithTheLoops() {
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 7;
    int k = 6;
    int m = 5;
    double[] a = random(rnd, n * k);
    double[] b = random(rnd, k * m);
    double[] c1 = random(rnd, n * m);
    double[] c2 = c1.clone();
    Gemm.ab(a, b, c1, n, k, m, 0.5);
    Gemm.Loops.ab(a, b, c2, n, k, m, 0.5);
    for (int i = 0; i < c1.length; i++) {
      assertEquals(c2[i], c1[i], 1e-12, "native " + Gemm.isNative());
    }
  }

  /**
   * The single-precision scores of n vectors against m: within float rounding of the definition.
   */
  @Test
  void floatScoresAgreeWithTheDefinition() {
    SplittableRandom rnd = new SplittableRandom(13);
    int n = 9;
    int k = 201;
    int m = 7;
    int off = 2 * k;
    float[] a = new float[off + n * k];
    int bOff = 3 * k;
    float[] b = new float[bOff + m * k];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (2 * rnd.nextDouble() - 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) (2 * rnd.nextDouble() - 1);
    }
    float[] c = new float[n * m];
    float[] loops = new float[n * m];
    Gemm.abt(a, off, b, bOff, c, n, k, m);
    Gemm.Loops.abt(a, off, b, bOff, loops, n, k, m);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += (double) a[off + i * k + p] * b[bOff + j * k + p];
        }
        assertEquals((float) s, loops[i * m + j], "loops round the exact sum once");
        assertEquals(s, c[i * m + j], 1e-4, "native " + Gemm.isNative());
      }
    }
  }
}
