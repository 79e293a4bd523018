package movierec.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import movierec.cli.UsageException;
import org.junit.jupiter.api.Test;

class ActivityTest {
  @Test
  void countsMeetTheTotalExactlyWithinTheBounds() {
    for (long ratings : new long[] {20_000, 20_001, 77_777, 150_000, 249_999}) {
      int[] c = Activity.counts(5, 1_000, 500, ratings);
      assertEquals(ratings, Arrays.stream(c).asLongStream().sum(), "total for " + ratings);
      assertTrue(Arrays.stream(c).allMatch(k -> k >= 20 && k <= 250), "bounds for " + ratings);
    }
  }

  @Test
  void activityIsHeavyTailedAndSeeded() {
    int[] c = Activity.counts(7, 6_040, 3_706, 1_000_209);
    int[] sorted = c.clone();
    Arrays.sort(sorted);
    int median = sorted[sorted.length / 2];
    int p99 = sorted[(int) (0.99 * (sorted.length - 1))];
    // ML-1M: median 96, p99 903; a lognormal with sigma 1.04 lands near both.
    assertTrue(median > 80 && median < 130, "median " + median);
    assertTrue(p99 > 700 && p99 < 1_300, "p99 " + p99);
    assertArrayEquals(c, Activity.counts(7, 6_040, 3_706, 1_000_209));
    assertTrue(!Arrays.equals(c, Activity.counts(8, 6_040, 3_706, 1_000_209)));
  }

  @Test
  void capBindsWhenTheTotalIsNearTheMaximum() {
    int[] c = Activity.counts(1, 100, 100, 4_900);
    assertEquals(4_900, Arrays.stream(c).sum());
    assertTrue(Arrays.stream(c).allMatch(k -> k >= 20 && k <= 50));
    assertTrue(Arrays.stream(c).filter(k -> k == 50).count() > 50);
  }

  @Test
  void infeasibleTotalsSayWhatWouldWork() {
    UsageException low = assertThrows(UsageException.class, () -> Activity.counts(1, 100, 100, 10));
    assertTrue(low.getMessage().contains("between 2,000 and 5,000"), low.getMessage());
    assertThrows(UsageException.class, () -> Activity.counts(1, 100, 100, 5_001));
    UsageException few = assertThrows(UsageException.class, () -> Activity.counts(1, 10, 30, 300));
    assertTrue(few.getMessage().contains("--movies must be at least 40"), few.getMessage());
  }
}
