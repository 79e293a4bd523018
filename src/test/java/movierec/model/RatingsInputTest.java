package movierec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * The ratings inputs: a user's movies and a movie's raters, each weighted by its rating less the
 * mean and scaled by |N|^-1/2, never holding the rating a training example asks for.
 */
class RatingsInputTest {
  /** Users 10, 20, 30 (id rows 1..3) and user 40 with no id row; movies 100 and 200. */
  private static FeatureTable table() {
    return new FeatureTable(
        new int[] {10, 20, 30, 40},
        new int[] {1, 2, 3, InputSpace.UNKNOWN},
        new int[] {1, 1, 1, 1},
        new int[] {1, 1, 1, 1},
        new int[] {1, 1, 1, 1},
        new int[] {100, 200},
        new int[] {1, 2},
        new int[][] {{0, 0}, {0, 0}},
        new int[][] {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}});
  }

  @Test
  void aTrainingExampleNeverSeesItsOwnRatingAmongTheMoviesRaters() {
    // Movie 100 rated 5 by user 30, 2 by user 10 and 4 by user 40 (no id row); the mean is 3.5.
    FeatureTable ft =
        table().withRaters(new int[][] {{2, 0, 3}, {}}, new double[][] {{5.0, 2.0, 4.0}, {}}, 3.5);
    Batch b = new Batch(3, 2, 5);
    ft.fill(b, 0, 0, 0, false, false);
    ft.fillMovie(b, 1, 0, false);
    ft.fillMovie(b, 2, 1, false);
    assertArrayEquals(new int[] {3}, b.movieRatings.rows(0), "example 0 (user 10): user 30 only");
    assertArrayEquals(new double[] {1.5}, b.movieRatings.weights(0));
    double w2 = 1 / Math.sqrt(2);
    assertArrayEquals(
        new int[] {1, 3}, b.movieRatings.rows(1), "serving: every rater with an id row");
    assertArrayEquals(new double[] {-1.5 * w2, 1.5 * w2}, b.movieRatings.weights(1), 1e-12);
    assertArrayEquals(new int[0], b.movieRatings.rows(2), "a movie nobody rated: an empty bag");
  }

  @Test
  void aTrainingExampleNeverSeesItsOwnRatingAmongTheUsersMovies() {
    // User 10 rated movie 200 a 1 and movie 100 a 4; the mean is 3.
    FeatureTable ft =
        table()
            .withHistories(
                new int[][] {{1, 0}, {}, {}, {}}, new double[][] {{1.0, 4.0}, {}, {}, {}}, 3.0);
    Batch b = new Batch(3, 2, 5);
    ft.fill(b, 0, 0, 1, false, false);
    ft.fillUser(b, 1, 0, false);
    ft.fillUser(b, 2, 1, false);
    assertArrayEquals(new int[] {1}, b.userRatings.rows(0), "example 0 (movie 200): movie 100");
    assertArrayEquals(new double[] {1.0}, b.userRatings.weights(0));
    assertArrayEquals(new int[] {1}, b.history.rows(0), "the history leaves it out too");
    double w2 = 1 / Math.sqrt(2);
    assertArrayEquals(new int[] {1, 2}, b.userRatings.rows(1), "sorted by movie");
    assertArrayEquals(new double[] {1.0 * w2, -2.0 * w2}, b.userRatings.weights(1), 1e-12);
    assertArrayEquals(new int[0], b.userRatings.rows(2));
  }

  @Test
  void withoutRatingsTheRatingsBagsStayEmpty() {
    FeatureTable ft = table().withHistories(new int[][] {{1, 0}, {}, {}, {}});
    Batch b = new Batch(1, 2, 5);
    ft.fill(b, 0, 0, 1, false, false);
    assertArrayEquals(new int[] {1}, b.history.rows(0));
    assertArrayEquals(new int[0], b.userRatings.rows(0));
    assertArrayEquals(new int[0], b.movieRatings.rows(0));
  }
}
