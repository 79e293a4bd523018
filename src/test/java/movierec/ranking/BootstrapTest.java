package movierec.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  private static double[] noisy(int n, double mean, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean + r.nextGaussian();
    }
    return v;
  }

  @Test
  void theIntervalOfAMeanHasTheNormalWidth() {
    int n = 2_000;
    Bootstrap.Interval i = new Bootstrap(1_000, 3).of(noisy(n, 0.3, 1));
    assertTrue(i.low() < i.mean() && i.mean() < i.high(), i.toString());
    // 95% of a mean of n unit-variance values: +-1.96 / sqrt(n) = +-0.0438
    assertEquals(2 * 1.96 / Math.sqrt(n), i.high() - i.low(), 0.008, i.toString());
    assertEquals(i, new Bootstrap(1_000, 3).of(noisy(n, 0.3, 1)), "seeded");
  }

  @Test
  void pairingCancelsWhatTwoModelsShare() {
    int n = 1_000;
    double[] user = noisy(n, 0, 5);
    double[] a = new double[n];
    double[] b = new double[n];
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < n; i++) {
      // Users differ a lot (sd 1); the models differ by 0.02 with little noise of their own.
      a[i] = user[i] + 0.02 + 0.05 * r.nextGaussian();
      b[i] = user[i] + 0.05 * r.nextGaussian();
    }
    Bootstrap boot = new Bootstrap(1_000, 3);
    Bootstrap.Interval d = boot.difference(a, b);
    assertFalse(d.holdsZero(), "paired, the lead is clear: " + d);
    Bootstrap.Interval ia = boot.of(a);
    Bootstrap.Interval ib = boot.of(b);
    assertTrue(ia.low() < ib.high(), "unpaired, the two intervals overlap: " + ia + " " + ib);
    assertEquals(0.02, d.mean(), 0.01);
  }
}
