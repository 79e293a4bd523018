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
        names(AlsGrid.points(ranks, regs, AlsGrid.CROSS)));
    assertEquals(9, AlsGrid.points(ranks, regs, AlsGrid.PRODUCT).size());
    // One value on an axis: the cross is that axis's line.
    assertEquals(
        List.of("10/0.05", "10/0.1"),
        names(AlsGrid.points(List.of(10), List.of(0.05, 0.1), AlsGrid.CROSS)));
  }

  @Test
  void autoFitsTheCrossOnSmallDataAndTheMiddlePointOnLarge() {
    assertEquals(AlsGrid.CROSS, AlsGrid.grid(AlsGrid.AUTO, 850_000));
    assertEquals(AlsGrid.POINT, AlsGrid.grid(AlsGrid.AUTO, 20_000_000));
    assertEquals(AlsGrid.PRODUCT, AlsGrid.grid(AlsGrid.PRODUCT, 20_000_000), "a setting wins");
    assertEquals(
        List.of("50/0.1"),
        names(AlsGrid.points(List.of(20, 50, 100), List.of(0.05, 0.1, 0.2), AlsGrid.POINT)));
  }
}
