package movierec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bag sum's blocked loop against the plain definition, bit for bit; the row-order sweep of
 * large tables against the example-order loop.
 */
class EmbeddingBagTest {
  @Test
  void blockedSumsAreTheBitsOfThePlainSum() {
    for (int dim : new int[] {3, 8, 12, 32}) {
      SplittableRandom rnd = new SplittableRandom(dim);
      int rows = 50;
      Embedding e = new Embedding("bag", rows, dim, -1);
      e.init(rnd.split(), 1.0);
      int n = 6;
      Bag bag = new Bag(n);
      int[][] ids = new int[n][];
      double[][] values = new double[n][];
      for (int i = 0; i < n; i++) {
        // Example 2 is an empty bag (a user without training history).
        int count = i == 2 ? 0 : 1 + rnd.nextInt(40);
        ids[i] = new int[count];
        values[i] = new double[count];
        for (int k = 0; k < count; k++) {
          ids[i][k] = rnd.nextInt(rows);
          values[i][k] = rnd.nextDouble() * 4 - 2;
        }
        bag.set(i, ids[i], values[i], count);
      }
      double[] got = e.forwardBag(bag, n).clone();
      double[] want = new double[n * dim];
      for (int i = 0; i < n; i++) {
        double scale = ids[i].length == 0 ? 0 : 1 / Math.sqrt(ids[i].length);
        for (int k = 0; k < ids[i].length; k++) {
          double s = values[i][k] * scale;
          for (int d = 0; d < dim; d++) {
            want[i * dim + d] += s * e.table.weight(ids[i][k] * dim + d);
          }
        }
      }
      assertArrayEquals(want, java.util.Arrays.copyOf(got, n * dim), 0.0, "dim " + dim);
      for (int d = 0; d < dim; d++) {
        assertEquals(0.0, got[2 * dim + d], "an empty bag sums to zero");
      }
    }
  }

  /**
   * Large tables sum and scatter a batch's bags in row order: with each bag's rows increasing (as
   * raters and histories are listed) the sums and the gradient have the example-order loop's bits;
   * with bags in any order the gradient keeps its bits and the sums agree to rounding. The same
   * rows are touched either way, and repeated rows (two examples sharing a member) add up.
   */
  @Test
  void rowOrderSweepGivesTheExampleOrderResults() {
    for (boolean increasing : new boolean[] {true, false}) {
      for (int dim : new int[] {5, 16}) {
        SplittableRandom rnd = new SplittableRandom(31 + dim);
        int rows = 200;
        Embedding plain = new Embedding("bag", rows, dim, -1, false);
        Embedding swept = new Embedding("bag", rows, dim, -1, true);
        plain.init(new SplittableRandom(7), 1.0);
        swept.init(new SplittableRandom(7), 1.0);
        int n = 9;
        Bag bag = new Bag(n);
        for (int i = 0; i < n; i++) {
          int count = i == 4 ? 0 : 1 + rnd.nextInt(60);
          int[] ids = rnd.ints(count, 0, rows).toArray();
          if (increasing) {
            java.util.Arrays.sort(ids);
          }
          double[] values = rnd.doubles(count, -2, 2).toArray();
          bag.set(i, ids, values, count);
        }
        double[] want = plain.forwardBag(bag, n).clone();
        double[] got = swept.forwardBag(bag, n).clone();
        for (int k = 0; k < n * dim; k++) {
          if (increasing) {
            assertEquals(want[k], got[k], 0.0, "sum " + k);
          } else {
            assertEquals(want[k], got[k], 1e-12 * (1 + Math.abs(want[k])), "sum " + k);
          }
        }
        double[] dy = rnd.doubles(n * dim, -1, 1).toArray();
        plain.backwardBag(dy, n);
        swept.backwardBag(dy, n);
        assertArrayEquals(plain.table.fg, swept.table.fg, 0f, "gradient, dim " + dim);
        assertEquals(plain.table.touchedCount(), swept.table.touchedCount());
        for (int r = 0; r < rows; r++) {
          assertEquals(plain.table.isTouched(r), swept.table.isTouched(r), "row " + r);
        }
      }
    }
  }

  /** The order is the table's size: the cache-resident tables of ML-1M keep example order. */
  @Test
  void onlyTablesLargerThanTheCacheSweepInRowOrder() {
    assertFalse(new Embedding("ml-1m users", 6_040, 64, -1).byRow);
    assertTrue(new Embedding("25M users", 162_541, 64, -1).byRow);
  }
}
