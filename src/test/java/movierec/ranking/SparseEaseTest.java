package movierec.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseEaseTest {
  /** Users rating items with a popularity skew; the last item is never rated. */
  private static List<int[]> histories(int users, int items, long seed) {
    return histories(users, items, seed, 0);
  }

  private static List<int[]> histories(int users, int items, long seed, double floor) {
    SplittableRandom r = new SplittableRandom(seed);
    List<int[]> out = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int[] h = new int[items];
      int n = 0;
      for (int i = 0; i < items - 1; i++) {
        if (r.nextDouble() < floor + 0.6 / (1 + 0.2 * i)) {
          h[n++] = i;
        }
      }
      out.add(java.util.Arrays.copyOf(h, n));
    }
    return out;
  }

  private static long[] popularity(List<int[]> histories, int items) {
    long[] p = new long[items];
    histories.forEach(h -> java.util.Arrays.stream(h).forEach(i -> p[i]++));
    return p;
  }

  @Test
  void everyOtherMovieInEveryColumnIsExactEase() {
    // Every pair co-rated, so every other movie is in every column's list.
    int items = 14;
    List<int[]> h = histories(200, items, 3, 0.3);
    long[] pop = popularity(h, items);
    double lambda = 2;
    ItemScorer exact = ItemItem.ease("ease", ItemItem.gram(h, pop, items), lambda);
    SparseEase.Lists lists = SparseEase.lists(h, pop, items);
    for (int j = 0; j < items - 1; j++) {
      assertEquals(items - 2, lists.neighbour()[j].length, "co-rated with every other, " + j);
    }
    ItemScorer sparse = SparseEase.fit("sparse_ease", h, pop, items, items, lambda);
    float[] e = new float[items];
    float[] s = new float[items];
    for (int u = 0; u < 10; u++) {
      exact.score(h.get(u), null, e);
      sparse.score(h.get(u), null, s);
      for (int j = 0; j < items - 1; j++) {
        assertEquals(e[j], s[j], 1e-5 + 1e-4 * Math.abs(e[j]), "user " + u + ", item " + j);
      }
      assertEquals(Float.NEGATIVE_INFINITY, s[items - 1], "a movie nobody rated is never ranked");
    }
  }

  @Test
  void listsKeepTheHighestCosinesTiesToTheLowerIndex() {
    // co(0,1) = 2, co(0,2) = 1, co(0,3) = 1; ratings 3, 2, 1, 1: cosines 2/sqrt(6), 1/sqrt(3),
    // 1/sqrt(3).
    List<int[]> h = List.of(new int[] {0, 1}, new int[] {0, 1, 2}, new int[] {0, 3});
    long[] pop = popularity(h, 4);
    SparseEase.Lists lists = SparseEase.lists(h, pop, 2);
    assertArrayEquals(new int[] {1, 2}, lists.neighbour()[0]);
    assertArrayEquals(new int[] {2, 1}, lists.count()[0]);
    assertEquals(1 / Math.sqrt(3), lists.cut()[0], 1e-12, "a full list's lowest cosine");
    assertArrayEquals(new int[] {0}, lists.neighbour()[3]);
    assertEquals(0, lists.cut()[3], "a list holding every co-rated movie dropped nothing");
  }

  @Test
  void prunedColumnsScoreEveryRatedMovie() {
    int items = 80;
    List<int[]> h = histories(400, items, 7);
    long[] pop = popularity(h, items);
    // Keeping few counts drops most pairs of each column's system (on ml-1m such systems were
    // indefinite without the bound on the diagonal); every column still solves.
    ItemScorer sparse = SparseEase.fit("sparse_ease", h, pop, 12, 12, 0.1);
    float[] s = new float[items];
    sparse.score(h.get(0), null, s);
    for (int j = 0; j < items - 1; j++) {
      assertTrue(Float.isFinite(s[j]), "item " + j + ": " + s[j]);
    }
  }

  @Test
  void moviesNoHistoryReachesRankBelowZeroTheMoreRatedFirst() {
    // 0 and 1 always together; 2 and 3 together; nobody rates 0 with 2.
    List<int[]> h =
        List.of(
            new int[] {0, 1},
            new int[] {0, 1},
            new int[] {2, 3},
            new int[] {2, 3},
            new int[] {2, 3},
            new int[] {3});
    long[] pop = popularity(h, 5);
    ItemScorer sparse = SparseEase.fit("sparse_ease", h, pop, 3, 3, 0.5);
    float[] s = new float[5];
    sparse.score(new int[] {0}, null, s);
    assertTrue(s[1] > 0, "the co-rated movie scores above 0: " + s[1]);
    assertTrue(s[2] < 0 && s[3] < 0 && s[3] > s[2], "unreached, the more rated first");
    assertEquals(Float.NEGATIVE_INFINITY, s[4]);
  }
}
