package movierec.generate;

import java.util.SplittableRandom;

/**
 * Seeded draws. Every entity (a user, a movie, a user's ratings) gets its own generator from the
 * seed, a stream number and its id, so any task can regenerate any entity and the output does not
 * depend on how the work is split.
 */
final class Draws {
  static final long USERS = 1;
  static final long MOVIES = 2;
  static final long RATINGS = 3;
  static final long TASTE = 4;
  static final long ACTIVITY = 5;
  static final long CALIBRATION = 6;

  private Draws() {}

  static SplittableRandom rng(long seed, long stream, long id) {
    return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L * stream) + id));
  }

  /** SplitMix64's finaliser: neighbouring ids give unrelated generators. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static double lognormal(SplittableRandom r, double mu, double sigma) {
    return Math.exp(mu + sigma * r.nextGaussian());
  }

  static double[] gaussian(SplittableRandom r, int dim, double sd) {
    double[] v = new double[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = sd * r.nextGaussian();
    }
    return v;
  }

  /** Running sums of {@code weights}, normalised to end at 1. */
  static double[] cumulative(double[] weights) {
    double[] c = new double[weights.length];
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double run = 0;
    for (int i = 0; i < weights.length; i++) {
      run += weights[i];
      c[i] = run / total;
    }
    c[c.length - 1] = 1.0;
    return c;
  }

  /** The index whose cumulative share first reaches a uniform draw. */
  static int categorical(SplittableRandom r, double[] cumulative) {
    double u = r.nextDouble();
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }
}
