package movierec.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class NeighborListTest {
  private static NeighborList list(int[] n, double[] s) {
    return new NeighborList(1, "cosine", n, s, n.clone());
  }

  @Test
  void mergeKeepsTheOrderAndTheBestK() {
    NeighborList a = list(new int[] {5, 9, 2}, new double[] {0.9, 0.5, 0.1});
    NeighborList b = list(new int[] {3, 7, 8}, new double[] {0.9, 0.6, 0.5});
    NeighborList m = NeighborList.merge(a, b, 4);
    assertArrayEquals(new int[] {3, 5, 7, 8}, m.neighbors(), "0.9 tie goes to 3, 0.5 tie to 8");
    assertArrayEquals(new double[] {0.9, 0.9, 0.6, 0.5}, m.scores());
    assertArrayEquals(m.neighbors(), m.coCounts());
    NeighborList all = NeighborList.merge(b, a, 0);
    assertArrayEquals(new int[] {3, 5, 7, 8, 9, 2}, all.neighbors(), "k <= 0 keeps all");
  }
}
