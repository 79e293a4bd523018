package movierec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A capped bag reads an evenly spaced sample of a long list: the same one every time outside
 * training, a moving one in training that reaches every entry, never the example's own rating.
 */
class BagCapTest {
  private static final int USERS = 100;

  /** 100 users (id rows 1..100) who all rated movie 0 (id row 1) and nothing else. */
  private static FeatureTable table() {
    int[] ids = new int[USERS];
    int[] idRows = new int[USERS];
    int[] ones = new int[USERS];
    int[][] histories = new int[USERS][];
    double[][] ratings = new double[USERS][];
    int[] raters = new int[USERS];
    double[] raterRatings = new double[USERS];
    for (int u = 0; u < USERS; u++) {
      ids[u] = u + 1;
      idRows[u] = u + 1;
      ones[u] = 1;
      histories[u] = new int[] {0};
      ratings[u] = new double[] {4};
      raters[u] = u;
      raterRatings[u] = 1 + u % 5;
    }
    return new FeatureTable(
            ids,
            idRows,
            ones,
            ones,
            ones,
            new int[] {7},
            new int[] {1},
            new int[][] {{0}},
            new int[][] {{0, 0, 0}})
        .withHistories(histories, ratings, 3)
        .withRaters(new int[][] {raters}, new double[][] {raterRatings}, 3);
  }

  @Test
  void servingReadsTheSameEvenlySpacedSampleEveryTime() {
    FeatureTable ft = table();
    Batch b = new Batch(2, 1, 3, 10);
    ft.fillMovie(b, 0, 0, false);
    ft.fillMovie(b, 1, 0, false);
    int[] expected = new int[10];
    for (int t = 0; t < 10; t++) {
      expected[t] = 1 + 10 * t;
    }
    assertArrayEquals(expected, b.movieRatings.rows(0), "users 1, 11, ..., 91 (id rows)");
    assertArrayEquals(b.movieRatings.rows(0), b.movieRatings.rows(1));
    double[] w = b.movieRatings.weights(0);
    assertEquals(
        (1 - 3) * 10 / Math.sqrt(100), w[0], 1e-12, "10 of 100, each for 10: the whole bag's sum");
  }

  @Test
  void trainingMovesTheSampleOverTheWholeListAndLeavesTheUserOut() {
    FeatureTable ft = table();
    Batch b = new Batch(1, 1, 3, 10);
    SplittableRandom rnd = new SplittableRandom(3);
    Set<Integer> seen = new HashSet<>();
    for (int draw = 0; draw < 200; draw++) {
      int user = draw % USERS;
      ft.fill(b, 0, user, 0, false, false, rnd, 0);
      int[] rows = b.movieRatings.rows(0);
      assertFalse(
          Arrays.stream(rows).anyMatch(r -> r == user + 1), "never the example's own rating");
      assertEquals(rows.length, Math.min(10, rows.length));
      Arrays.stream(rows).forEach(seen::add);
    }
    assertEquals(USERS, seen.size(), "every rater is read across draws");
  }

  @Test
  void noCapReadsEveryEntry() {
    Batch b = new Batch(1, 1, 3, 0);
    table().fillMovie(b, 0, 0, false);
    assertEquals(USERS, b.movieRatings.rows(0).length);
    assertEquals(3, FeatureTable.taken(3, 10));
    assertEquals(10, FeatureTable.taken(300, 10));
    assertEquals(300, FeatureTable.taken(300, 0));
  }

  @Test
  void aBagNoInputReadsStaysEmptyAndTheRandomStreamIsTheSame() {
    FeatureTable ft = table();
    Batch reads = new Batch(1, 1, 3, 10);
    Batch skips = new Batch(1, 1, 3, 10, false, false);
    SplittableRandom a = new SplittableRandom(5);
    SplittableRandom b = new SplittableRandom(5);
    for (int user = 0; user < 5; user++) {
      ft.fill(reads, 0, user, 0, false, false, a, 0);
      ft.fill(skips, 0, user, 0, false, false, b, 0);
      assertEquals(0, skips.movieRatings.rows(0).length, "the movie ratings are not read");
      assertEquals(0, skips.userRatings.rows(0).length, "nor the user ratings");
      assertArrayEquals(reads.history.rows(0), skips.history.rows(0), "the history is");
      assertEquals(a.nextLong(), b.nextLong(), "the same draws were taken");
    }
    assertTrue(reads.movieRatings.rows(0).length >= 9, "a batch whose model reads them has them");
    InputSpace s = TinyData.space();
    Batch ranker =
        Batch.of(
            new TwoTowerModel(
                GradientCheckTest.config(false, 0, ModelConfig.Objective.RANKING, 3, 1.0), s, 0),
            1);
    Batch regressor =
        Batch.of(
            new TwoTowerModel(
                GradientCheckTest.config(true, 0, ModelConfig.Objective.RATING, 3, 1.0, 2), s, 3),
            1);
    assertFalse(ranker.movieRatingsRead || ranker.userRatingsRead);
    assertTrue(regressor.movieRatingsRead && regressor.userRatingsRead);
  }
}
