package movierec.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** EASE and item-kNN on a tiny matrix, against a direct computation. */
class ItemItemTest {
  // 5 users over 4 catalog items; item 3 is never rated.
  private static final List<int[]> HISTORIES =
      List.of(
          new int[] {0, 1}, new int[] {0, 1, 2}, new int[] {1, 2}, new int[] {0}, new int[] {2});
  private static final long[] POPULARITY = {3, 3, 3, 0};

  @Test
  void gramCountsCoRatingsOfRatedItems() {
    ItemItem.Gram g = ItemItem.gram(HISTORIES, POPULARITY, 10);
    assertEquals(3, g.m());
    assertArrayEquals(new int[] {0, 1, 2, -1}, g.index());
    assertArrayEquals(new double[] {3, 2, 1, 2, 3, 2, 1, 2, 3}, g.counts(), 0);
    // max-items keeps the most rated (ties to the lower index).
    ItemItem.Gram two = ItemItem.gram(HISTORIES, new long[] {3, 1, 3, 0}, 2);
    assertArrayEquals(new int[] {0, -1, 1, -1}, two.index());
  }

  @Test
  void easeMatchesTheClosedFormByGaussJordan() {
    double lambda = 0.5;
    ItemItem.Gram g = ItemItem.gram(HISTORIES, POPULARITY, 10);
    double[][] a = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        a[i][j] = g.counts()[i * 3 + j] + (i == j ? lambda : 0);
      }
    }
    double[][] p = invert(a);
    ItemScorer.Ease ease = ItemItem.ease("ease", g, lambda);
    float[] out = new float[4];
    ease.score(new int[] {0, 2}, null, out);
    for (int j = 0; j < 3; j++) {
      double expected = 0;
      for (int i : new int[] {0, 2}) {
        expected += i == j ? 0 : -p[i][j] / p[j][j];
      }
      assertEquals(expected, out[j], 1e-6, "item " + j);
    }
    assertEquals(Float.NEGATIVE_INFINITY, out[3], "an item EASE does not cover is never ranked");
  }

  @Test
  void knnSumsCosinesOfTheUsersItems() {
    SparseEase.Lists lists = SparseEase.lists(HISTORIES, POPULARITY, 1);
    ItemScorer.Sparse knn = ItemItem.knn("item_knn", lists, 1, POPULARITY);
    // cos(0,1) = 2/3, cos(0,2) = 1/3, cos(1,2) = 2/3: with one neighbour each, 0 -> 1, 1 -> 0
    // (tie with 2, the lower index wins), 2 -> 1.
    float[] out = new float[4];
    knn.score(new int[] {0, 2}, null, out);
    assertEquals(4 / 3f, out[1], 1e-6f);
    // Items no list reaches rank below every reached one, the more rated first (-1 / (1 +
    // ratings)), instead of all scoring 0 (which put the lowest ids first).
    assertEquals(-1 / 4f, out[0], 1e-6f);
    assertEquals(-1 / 4f, out[2], 1e-6f);
    assertEquals(-1f, out[3], 1e-6f);
  }

  private static double[][] invert(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      double d = a[c][c];
      for (int k = 0; k < 2 * n; k++) {
        a[c][k] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = a[r][c];
          for (int k = 0; k < 2 * n; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], n, inv[i], 0, n);
    }
    return inv;
  }

  /**
   * The derived coverage: what fits in the bytes EASE may take, never past the dense solve's cap.
   */
  @Test
  void derivedCoverageFitsTheHeapUpToTheCap() {
    assertEquals(4000, ItemItem.itemsFitting(ItemItem.peakBytes(4000)));
    assertEquals(3999, ItemItem.itemsFitting(ItemItem.peakBytes(4000) - 1));
    assertEquals(ItemItem.DERIVED_MAX_ITEMS, ItemItem.itemsFitting(64L << 30));
    assertEquals(1, ItemItem.itemsFitting(0));
  }
}
