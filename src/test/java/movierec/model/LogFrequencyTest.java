package movierec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ranker's log-frequency correction, and its weight. */
class LogFrequencyTest {
  @Test
  void theCorrectionIsTheWeightTimesTheLogOfEachMoviesShareOfTheRatings() {
    int[][] none = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
    int[][] titles = {{0}, {0}, {0}, {0}};
    // Two users: movie row 1 rated twice, rows 2 and 3 once, row 0 (unknown) never.
    FeatureTable ft =
        new FeatureTable(
                new int[] {10, 20},
                new int[] {1, 2},
                new int[] {1, 1},
                new int[] {1, 1},
                new int[] {1, 1},
                new int[] {0, 100, 200, 300},
                new int[] {0, 1, 2, 3},
                none,
                titles)
            .withHistories(new int[][] {{1, 2}, {1, 3}});
    double[] one = ReplicaTrainer.logFrequencies(ft, 1.0);
    assertArrayEquals(
        new double[] {Math.log(1 / 4.0), Math.log(2 / 4.0), Math.log(1 / 4.0), Math.log(1 / 4.0)},
        one,
        1e-12,
        "a never-rated movie counts as rated once");
    double[] more = ReplicaTrainer.logFrequencies(ft, 1.5);
    for (int i = 0; i < one.length; i++) {
      assertEquals(1.5 * one[i], more[i], 1e-12);
    }
  }
}
