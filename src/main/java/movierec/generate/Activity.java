package movierec.generate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import movierec.cli.UsageException;

/**
 * Ratings per user: at least {@link Ml1mShape#MIN_RATINGS_PER_USER}, at most half the catalogue,
 * otherwise in proportion to a lognormal activity weight, summing to the requested total exactly.
 * The scale is found by bisection (water filling: users at the cap keep the cap and the rest share
 * what is left); the fractional parts are rounded by largest remainder, ties to the lower id. O(U
 * log U) on the driver, for U numbers: the plan of the ratings, not the ratings.
 */
final class Activity {
  private Activity() {}

  /** Most ratings one user may get: half the movies, so picking without replacement stays cheap. */
  static int cap(int movies) {
    return movies / 2;
  }

  /** Fails with the feasible range when {@code ratings} cannot be spread over the users. */
  static void checkFeasible(int users, int movies, long ratings) {
    long min = (long) users * Ml1mShape.MIN_RATINGS_PER_USER;
    long max = (long) users * cap(movies);
    if (cap(movies) < Ml1mShape.MIN_RATINGS_PER_USER) {
      throw new UsageException(
          "--movies must be at least "
              + 2 * Ml1mShape.MIN_RATINGS_PER_USER
              + " (every user rates at least "
              + Ml1mShape.MIN_RATINGS_PER_USER
              + " movies and at most half of them); got "
              + movies);
    }
    if (ratings < min || ratings > max) {
      throw new UsageException(
          String.format(
              "--ratings must be between %,d and %,d for %,d users and %,d movies (each user rates"
                  + " %d to %d movies); got %,d",
              min, max, users, movies, Ml1mShape.MIN_RATINGS_PER_USER, cap(movies), ratings));
    }
  }

  /** counts[u - 1] is user u's number of ratings. */
  static int[] counts(long seed, int users, int movies, long ratings) {
    checkFeasible(users, movies, ratings);
    double[] weight = new double[users];
    for (int u = 0; u < users; u++) {
      SplittableRandom r = Draws.rng(seed, Draws.ACTIVITY, u + 1L);
      weight[u] = Draws.lognormal(r, Ml1mShape.ACTIVITY_MU, Ml1mShape.ACTIVITY_SIGMA);
    }
    int min = Ml1mShape.MIN_RATINGS_PER_USER;
    int cap = cap(movies);
    double lo = 0;
    double hi = 1;
    while (total(weight, hi, min, cap) < ratings) {
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      double mid = (lo + hi) / 2;
      if (total(weight, mid, min, cap) < ratings) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    int[] counts = new int[users];
    double[] fraction = new double[users];
    long sum = 0;
    for (int u = 0; u < users; u++) {
      double x = share(weight[u], lo, min, cap);
      counts[u] = (int) Math.floor(x);
      fraction[u] = counts[u] < cap ? x - counts[u] : -1;
      sum += counts[u];
    }
    int[] order =
        IntStream.range(0, users)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer u) -> -fraction[u]).thenComparing(u -> u))
            .mapToInt(Integer::intValue)
            .toArray();
    for (int i = 0; sum < ratings; i = (i + 1) % users) {
      if (counts[order[i]] < cap) {
        counts[order[i]]++;
        sum++;
      }
    }
    return counts;
  }

  private static double share(double weight, double scale, int min, int cap) {
    return Math.min(cap, min + scale * weight);
  }

  private static double total(double[] weight, double scale, int min, int cap) {
    return Arrays.stream(weight).map(w -> share(w, scale, min, cap)).sum();
  }
}
