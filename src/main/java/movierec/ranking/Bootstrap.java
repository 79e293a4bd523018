package movierec.ranking;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over users: each resample draws as many users as were evaluated, with
 * replacement (the same draws for every model, given the same number of users), so a difference
 * between two models is paired (the users that make one model look good count for the other too).
 * Seeded: the same values, samples and seed give the same intervals. Cost: samples x users
 * additions per model.
 */
public final class Bootstrap {
  /** The two-sided level of every interval. */
  public static final double LEVEL = 0.95;

  /** A mean and its interval. */
  public record Interval(double mean, double low, double high) {
    /** Whether the interval holds 0: a difference it cannot tell from none. */
    public boolean holdsZero() {
      return low <= 0 && high >= 0;
    }
  }

  private final int samples;
  private final long seed;

  /**
   * Every interval redraws the same resamples from the seed (rather than holding samples x users
   * indices: 650 MB at ML-25M's test users), so all of them are paired.
   */
  public Bootstrap(int samples, long seed) {
    this.samples = samples;
    this.seed = seed;
  }

  /** The mean of {@code values} (one per user) and its interval. */
  public Interval of(double[] values) {
    return interval(values, null);
  }

  /** The mean of a - b (paired by user) and its interval. */
  public Interval difference(double[] a, double[] b) {
    return interval(a, b);
  }

  private Interval interval(double[] a, double[] b) {
    int n = a.length;
    if (n == 0) {
      return new Interval(Double.NaN, Double.NaN, Double.NaN);
    }
    if (b != null && b.length != n) {
      throw new IllegalArgumentException("paired values of " + n + " and " + b.length + " users");
    }
    SplittableRandom r = new SplittableRandom(seed);
    double[] means = new double[samples];
    for (int s = 0; s < samples; s++) {
      double sum = 0;
      for (int d = 0; d < n; d++) {
        int i = r.nextInt(n);
        sum += b == null ? a[i] : a[i] - b[i];
      }
      means[s] = sum / n;
    }
    Arrays.sort(means);
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += b == null ? a[i] : a[i] - b[i];
    }
    double tail = (1 - LEVEL) / 2;
    return new Interval(total / n, quantile(means, tail), quantile(means, 1 - tail));
  }

  /** The q-quantile of sorted values (the nearest rank below). */
  private static double quantile(double[] sorted, double q) {
    int i = (int) Math.floor(q * (sorted.length - 1));
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
