package movierec.bench;

import java.util.SplittableRandom;
import movierec.model.FeatureTable;
import movierec.model.InputSpace;
import movierec.model.RatingShard;

/**
 * A training set of a size's shape for timing the model's steps without Spark: users, movies and
 * ratings of the size's counts, movies drawn by a Zipf law (exponent 0.9: a head of popular movies
 * whose raters fill the movie-ratings bag to its cap, as in MovieLens), users by a skewed activity
 * law with the active users at random rows (as real ids are), ratings 1..5 at random. Pairs may
 * repeat: what is timed is the bags' lengths and the tables' sizes, not the fit.
 */
final class ShapeFeatures {
  final InputSpace space;
  final FeatureTable features;
  final RatingShard ratings;

  /** The mean length of the movie-ratings bag of a rating, capped at {@code cap}. */
  final double movieBag;

  ShapeFeatures(int users, int movies, int count, int titleLength, int cap, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] userIds = ids(users);
    int[] movieIds = ids(movies);
    space =
        new InputSpace(
            userIds,
            movieIds,
            new String[] {"F", "M"},
            new int[] {1, 18, 25},
            new int[] {0, 1, 2},
            new String[] {"Comedy", "Drama"},
            new String[] {"a", "b", "c"},
            3);
    int[] activeRow = ids(users);
    for (int i = users - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = activeRow[i];
      activeRow[i] = activeRow[j];
      activeRow[j] = t;
    }
    double[] cumulative = new double[movies];
    double sum = 0;
    for (int i = 0; i < movies; i++) {
      sum += Math.pow(i + 1, -0.9);
      cumulative[i] = sum;
    }
    int[] userRow = new int[count];
    int[] movieRow = new int[count];
    float[] rating = new float[count];
    int[] perUser = new int[users];
    int[] perMovie = new int[movies];
    for (int k = 0; k < count; k++) {
      double a = rnd.nextDouble();
      userRow[k] = activeRow[(int) Math.min(users - 1, (long) (users * a * a))] - 1;
      movieRow[k] = draw(cumulative, rnd.nextDouble() * sum);
      rating[k] = 1 + rnd.nextInt(5);
      perUser[userRow[k]]++;
      perMovie[movieRow[k]]++;
    }
    int[][] history = new int[users][];
    double[][] historyRatings = new double[users][];
    int[][] raters = new int[movies][];
    double[][] raterRatings = new double[movies][];
    for (int u = 0; u < users; u++) {
      history[u] = new int[perUser[u]];
      historyRatings[u] = new double[perUser[u]];
    }
    for (int m = 0; m < movies; m++) {
      raters[m] = new int[perMovie[m]];
      raterRatings[m] = new double[perMovie[m]];
    }
    int[] filledUser = new int[users];
    int[] filledMovie = new int[movies];
    double bag = 0;
    for (int k = 0; k < count; k++) {
      int u = userRow[k];
      int m = movieRow[k];
      history[u][filledUser[u]] = m;
      historyRatings[u][filledUser[u]++] = rating[k];
      raters[m][filledMovie[m]] = u;
      raterRatings[m][filledMovie[m]++] = rating[k];
      bag += cap == 0 ? perMovie[m] : Math.min(cap, perMovie[m]);
    }
    movieBag = bag / count;
    int[] one = new int[users];
    java.util.Arrays.fill(one, 1);
    int[][] genres = new int[movies][];
    int[][] titles = new int[movies][];
    for (int m = 0; m < movies; m++) {
      genres[m] = new int[] {1 + m % 2, 0, 0};
      titles[m] = new int[titleLength];
      titles[m][0] = 2 + m % 3;
    }
    features =
        new FeatureTable(userIds, ids(users), one, one, one, movieIds, ids(movies), genres, titles)
            .withHistories(history, historyRatings, 3)
            .withRaters(raters, raterRatings, 3);
    ratings = new RatingShard(userRow, movieRow, rating);
  }

  /** 1..n: the ids, and each id's row in the model's tables (row 0 is "unknown"). */
  private static int[] ids(int n) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i + 1;
    }
    return ids;
  }

  private static int draw(double[] cumulative, double x) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
