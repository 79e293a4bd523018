package movierec.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopularitySamplerTest {
  private static final double[] WEIGHTS = {1, 2, 4, 8, 16, 32, 64, 1, 1, 1};

  @Test
  void drawsFollowTheWeights() {
    PopularitySampler s = new PopularitySampler(WEIGHTS);
    SplittableRandom r = new SplittableRandom(3);
    int n = 400_000;
    int[] hits = new int[WEIGHTS.length];
    for (int i = 0; i < n; i++) {
      hits[s.draw(r)]++;
    }
    double total = Arrays.stream(WEIGHTS).sum();
    for (int i = 0; i < WEIGHTS.length; i++) {
      double expected = n * WEIGHTS[i] / total;
      // five standard deviations of a binomial count
      assertEquals(expected, hits[i], 5 * Math.sqrt(expected) + 1, "movie " + i);
    }
  }

  @Test
  void picksAreDistinctOnBothPaths() {
    PopularitySampler s = new PopularitySampler(WEIGHTS);
    for (int k : new int[] {1, 2, 3, 5, 9, 10}) {
      int[] p = s.pick(new SplittableRandom(k), k);
      assertEquals(k, p.length);
      assertEquals(k, Arrays.stream(p).distinct().count(), "k " + k);
      assertTrue(Arrays.stream(p).allMatch(i -> i >= 0 && i < WEIGHTS.length));
    }
  }

  @Test
  void withoutReplacementHeavyPicksStillFavourPopularMovies() {
    PopularitySampler s = new PopularitySampler(WEIGHTS);
    int[] hits = new int[WEIGHTS.length];
    for (int seed = 0; seed < 2_000; seed++) {
      for (int i : s.pick(new SplittableRandom(seed), 5)) {
        hits[i]++;
      }
    }
    // the two heaviest are in nearly every 5-of-10 pick; the lightest in few
    assertTrue(hits[6] > 1_900 && hits[5] > 1_800, Arrays.toString(hits));
    assertTrue(hits[0] < 600 && hits[7] < 600, Arrays.toString(hits));
  }

  @Test
  void tiltedPicksFollowWeightTimesAcceptanceOnBothPaths() {
    PopularitySampler s = new PopularitySampler(WEIGHTS);
    java.util.function.IntToDoubleFunction accept = i -> i % 2 == 0 ? 1 : 0.25;
    double[] tilted = new double[WEIGHTS.length];
    for (int i = 0; i < WEIGHTS.length; i++) {
      tilted[i] = WEIGHTS[i] * accept.applyAsDouble(i);
    }
    double total = Arrays.stream(tilted).sum();
    int n = 200_000;
    // k = 1 takes the rejection path; the keys path must give the same first-draw distribution.
    int[] rejection = new int[WEIGHTS.length];
    int[] keys = new int[WEIGHTS.length];
    SplittableRandom r = new SplittableRandom(11);
    for (int t = 0; t < n; t++) {
      rejection[s.pick(r, 1, accept)[0]]++;
      keys[s.pick(r, 2, accept)[0]]++;
    }
    for (int i = 0; i < WEIGHTS.length; i++) {
      double expected = n * tilted[i] / total;
      assertEquals(expected, rejection[i], 5 * Math.sqrt(expected) + 1, "rejection, movie " + i);
      assertEquals(expected, keys[i], 5 * Math.sqrt(expected) + 1, "keys, movie " + i);
    }
  }
}
