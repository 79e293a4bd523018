package movierec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The user tower's history input: the bag of a user's movies, scaled by |N(u)|^-1/2. */
class HistoryInputTest {
  private static ModelConfig config(int historyDim) {
    return GradientCheckTest.config(false, 0.0, ModelConfig.Objective.RANKING, historyDim, 1.0);
  }

  /** The same user (id, demographics) four times, with the given histories. */
  private static double[] userVectors(TwoTowerModel m, int[][] histories) {
    InputSpace s = TinyData.space();
    Batch b = new Batch(histories.length, s.genreSlots(), 5);
    for (int i = 0; i < histories.length; i++) {
      b.setUser(i, s.userIndex(10), s.genderIndex("F"), s.ageIndex(18), s.occupationIndex(4));
      b.setHistory(i, histories[i], histories[i].length);
    }
    b.setSize(histories.length);
    return m.userTower(b).clone();
  }

  @Test
  void theHistoryChangesTheUserVectorOnlyWhenTheTowerHasTheInput() {
    int[][] histories = {{}, {1}, {1, 2}, {2, 1}};
    int dim = 6;
    double[] with = userVectors(new TwoTowerModel(config(3), TinyData.space(), 0), histories);
    double[] none = userVectors(new TwoTowerModel(config(0), TinyData.space(), 0), histories);
    for (int i = 1; i < histories.length; i++) {
      assertArrayEquals(
          Arrays.copyOfRange(none, 0, dim), Arrays.copyOfRange(none, i * dim, (i + 1) * dim));
    }
    assertFalse(
        Arrays.equals(Arrays.copyOfRange(with, 0, dim), Arrays.copyOfRange(with, dim, 2 * dim)));
    assertFalse(
        Arrays.equals(
            Arrays.copyOfRange(with, dim, 2 * dim), Arrays.copyOfRange(with, 2 * dim, 3 * dim)));
    // A bag: the order of the movies does not matter.
    assertArrayEquals(
        Arrays.copyOfRange(with, 2 * dim, 3 * dim), Arrays.copyOfRange(with, 3 * dim, 4 * dim));
  }

  @Test
  void aTrainingExampleNeverSeesItsOwnMovieInItsHistory() {
    FeatureTable ft =
        new FeatureTable(
                new int[] {10},
                new int[] {1},
                new int[] {1},
                new int[] {1},
                new int[] {1},
                new int[] {100, 200, 300},
                new int[] {1, 2, 3},
                new int[][] {{0, 0}, {0, 0}, {0, 0}},
                new int[][] {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}})
            .withHistories(new int[][] {{2, 0, 1}});
    Batch b = new Batch(2, 2, 5);
    ft.fill(b, 0, 0, 1, false, false);
    ft.fillUser(b, 1, 0, false);
    assertArrayEquals(
        new int[] {1, 3}, b.history.rows(0), "example 0: movies 100 and 300, not its target 200");
    assertArrayEquals(new double[] {1 / Math.sqrt(2), 1 / Math.sqrt(2)}, b.history.weights(0));
    assertArrayEquals(new int[] {1, 2, 3}, b.history.rows(1));
  }
}
