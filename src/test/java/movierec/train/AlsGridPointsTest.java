package movierec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlsGridPointsTest {
  private static List<String> names(List<double[]> points) {
    return points.stream().map(p -> (int) p[0] + "/" + p[1]).toList();
  }

  @Test
  void aCrossHoldsTheMiddleRankWithEveryRegAndTheMiddleRegWithEveryRank() {
    List<Integer> ranks = List.of(20, 50, 100);
    List<Double> regs = List.of(0.05, 0.1, 0.2);
    assertEquals(
        List.of("20/0.1", "50/0.05", "50/0.1", "50/0.2", "100/0.1"),
        names(AlsGrid.points(ranks, regs, true)));
    assertEquals(9, AlsGrid.points(ranks, regs, false).size());
    // One value on an axis: the cross is that axis's line.
    assertEquals(
        List.of("10/0.05", "10/0.1"), names(AlsGrid.points(List.of(10), List.of(0.05, 0.1), true)));
  }
}
