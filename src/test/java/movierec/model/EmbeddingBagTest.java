package movierec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bag sum's blocked loop against the plain definition, bit for bit. */
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
}
