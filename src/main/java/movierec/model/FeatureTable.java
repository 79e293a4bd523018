package movierec.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Every user's and movie's model inputs, by row: users (all of the users table, cold ones included)
 * with their id row and demographic rows, movies with their id row, genre rows and title rows.
 * Small (a few MB at ML-25M size), so it is broadcast once and rating shards carry only (user row,
 * movie row, rating).
 */
public final class FeatureTable implements Serializable {
  private static final long serialVersionUID = 1L;

  final int[] userIds;
  final int[] userIdIndex;
  final int[] userGender;
  final int[] userAge;
  final int[] userOccupation;
  final int[] movieIds;
  final int[] movieIdIndex;
  final int[][] movieGenres;
  final int[][] movieTitle;

  /**
   * Each user row's training movies (movie rows, sorted) and, when given, their ratings less the
   * mean; null when not given.
   */
  final RatingLists userHistory;

  /** Each movie row's training raters (user rows, sorted) and their ratings less the mean. */
  final RatingLists movieRaters;

  /** Rows must be sorted by id. */
  public FeatureTable(
      int[] userIds,
      int[] userIdIndex,
      int[] userGender,
      int[] userAge,
      int[] userOccupation,
      int[] movieIds,
      int[] movieIdIndex,
      int[][] movieGenres,
      int[][] movieTitle) {
    this(
        userIds,
        userIdIndex,
        userGender,
        userAge,
        userOccupation,
        movieIds,
        movieIdIndex,
        movieGenres,
        movieTitle,
        null,
        null);
  }

  private FeatureTable(
      int[] userIds,
      int[] userIdIndex,
      int[] userGender,
      int[] userAge,
      int[] userOccupation,
      int[] movieIds,
      int[] movieIdIndex,
      int[][] movieGenres,
      int[][] movieTitle,
      RatingLists userHistory,
      RatingLists movieRaters) {
    for (int i = 1; i < userIds.length; i++) {
      if (userIds[i] <= userIds[i - 1]) {
        throw new IllegalArgumentException("user rows must be sorted by distinct id");
      }
    }
    for (int i = 1; i < movieIds.length; i++) {
      if (movieIds[i] <= movieIds[i - 1]) {
        throw new IllegalArgumentException("movie rows must be sorted by distinct id");
      }
    }
    this.userIds = userIds;
    this.userIdIndex = userIdIndex;
    this.userGender = userGender;
    this.userAge = userAge;
    this.userOccupation = userOccupation;
    this.movieIds = movieIds;
    this.movieIdIndex = movieIdIndex;
    this.movieGenres = movieGenres;
    this.movieTitle = movieTitle;
    this.userHistory = userHistory;
    this.movieRaters = movieRaters;
  }

  /**
   * This table with each user row's training movies (movie rows), the history input of the user
   * tower and what a ranking validation never offers the user.
   */
  public FeatureTable withHistories(int[][] history) {
    return withUserLists(RatingLists.sorted(history, null, 0));
  }

  /**
   * The same with each movie's rating (parallel to {@code history}) less {@code mean}: the user
   * tower's ratings input too.
   */
  public FeatureTable withHistories(int[][] history, double[][] ratings, double mean) {
    return withUserLists(RatingLists.sorted(history, ratings, mean));
  }

  private FeatureTable withUserLists(RatingLists lists) {
    if (lists.ids().length != userIds.length) {
      throw new IllegalArgumentException("one history per user row");
    }
    return with(lists, movieRaters);
  }

  private FeatureTable with(RatingLists users, RatingLists movies) {
    return new FeatureTable(
        userIds,
        userIdIndex,
        userGender,
        userAge,
        userOccupation,
        movieIds,
        movieIdIndex,
        movieGenres,
        movieTitle,
        users,
        movies);
  }

  /**
   * This table with each movie row's training raters (user rows) and their ratings less {@code
   * mean}: the ratings input of the movie tower.
   */
  public FeatureTable withRaters(int[][] raters, double[][] ratings, double mean) {
    if (raters.length != movieIds.length) {
      throw new IllegalArgumentException("one rater list per movie row");
    }
    return with(userHistory, RatingLists.sorted(raters, ratings, mean));
  }

  /** User row {@code u}'s training movies (movie rows, sorted); empty without histories. */
  public int[] history(int u) {
    return userHistory == null ? new int[0] : userHistory.ids()[u];
  }

  /** Training ratings per movie row (from the histories): what in-batch sampling draws by. */
  public long[] movieCounts() {
    long[] counts = new long[movieIds.length];
    if (userHistory != null) {
      for (int[] h : userHistory.ids()) {
        for (int m : h) {
          counts[m]++;
        }
      }
    }
    return counts;
  }

  public int users() {
    return userIds.length;
  }

  public int movies() {
    return movieIds.length;
  }

  public int userId(int row) {
    return userIds[row];
  }

  public int movieId(int row) {
    return movieIds[row];
  }

  /** The row of a user id, or -1. */
  public int userRow(int userId) {
    int i = Arrays.binarySearch(userIds, userId);
    return i < 0 ? -1 : i;
  }

  /** The row of a movie id, or -1. */
  public int movieRow(int movieId) {
    int i = Arrays.binarySearch(movieIds, movieId);
    return i < 0 ? -1 : i;
  }

  /** Whether the user has no row of its own in the model (served from demographics alone). */
  public boolean coldUser(int row) {
    return userIdIndex[row] == InputSpace.UNKNOWN;
  }

  public boolean coldMovie(int row) {
    return movieIdIndex[row] == InputSpace.UNKNOWN;
  }

  /** Users without an id row of their own. */
  public long coldUsers() {
    return Arrays.stream(userIdIndex).filter(i -> i == InputSpace.UNKNOWN).count();
  }

  public long coldMovies() {
    return Arrays.stream(movieIdIndex).filter(i -> i == InputSpace.UNKNOWN).count();
  }

  /**
   * Puts user row {@code u} and movie row {@code m} into slot {@code i} of the batch; {@code
   * dropUser}/{@code dropMovie} replace the id by the unknown row (id dropout).
   */
  public void fill(Batch b, int i, int u, int m, boolean dropUser, boolean dropMovie) {
    fill(b, i, u, m, dropUser, dropMovie, null, 0);
  }

  /**
   * The same, training: each movie of the history is left out with probability {@code
   * historyDropout} (drawn from {@code rnd}).
   */
  public void fill(
      Batch b,
      int i,
      int u,
      int m,
      boolean dropUser,
      boolean dropMovie,
      SplittableRandom rnd,
      double historyDropout) {
    b.setUser(
        i,
        dropUser ? InputSpace.UNKNOWN : userIdIndex[u],
        userGender[u],
        userAge[u],
        userOccupation[u]);
    fillHistory(b, i, u, m, rnd, historyDropout);
    fillMovie(b, i, m, dropMovie, u, rnd);
  }

  /** The user side of example {@code i}, with the user's whole history. */
  public void fillUser(Batch b, int i, int u, boolean dropId) {
    b.setUser(
        i,
        dropId ? InputSpace.UNKNOWN : userIdIndex[u],
        userGender[u],
        userAge[u],
        userOccupation[u]);
    fillHistory(b, i, u, -1, null, 0);
  }

  /** The movie side of example {@code i}, with all of the movie's raters. */
  public void fillMovie(Batch b, int i, int m, boolean dropId) {
    fillMovie(b, i, m, dropId, -1, null);
  }

  private void fillMovie(
      Batch b, int i, int m, boolean dropId, int excludeUser, SplittableRandom rnd) {
    b.setMovie(i, dropId ? InputSpace.UNKNOWN : movieIdIndex[m], movieGenres[m], movieTitle[m]);
    b.item[i] = m;
    fillRaters(b, i, m, excludeUser, rnd);
  }

  /**
   * Sets example {@code i}'s history (and user ratings, when the table has ratings) to user row
   * {@code u}'s training movies but {@code excludeMovie} (the example's own target, a movie row; -1
   * for none), so a model never learns to find the answer in its input.
   */
  private void fillHistory(
      Batch b, int i, int u, int excludeMovie, SplittableRandom rnd, double dropout) {
    int[] h = history(u);
    double[] ratings = userHistory == null ? null : userHistory.values(u);
    int take = taken(h.length, b.maxBag);
    double step = (double) h.length / take;
    double offset = offset(step, rnd);
    int[] rows = b.scratch(take);
    double[] values = b.scratchValues(take);
    int n = 0;
    for (int t = 0; t < take; t++) {
      int k = Math.min(h.length - 1, (int) (offset + t * step));
      int m = h[k];
      if (m != excludeMovie
          && movieIdIndex[m] != InputSpace.UNKNOWN
          && (dropout == 0 || rnd.nextDouble() >= dropout)) {
        rows[n] = movieIdIndex[m];
        values[n++] = ratings == null ? 0 : ratings[k];
      }
    }
    double expansion = take == 0 ? 1 : (double) h.length / take;
    b.history.set(i, rows, null, n, expansion);
    b.userRatings.set(i, rows, values, ratings == null || !b.userRatingsRead ? 0 : n, expansion);
  }

  /** How many of a list of {@code n} a bag capped at {@code maxBag} reads (0: no cap). */
  static int taken(int n, int maxBag) {
    return maxBag == 0 ? n : Math.min(n, maxBag);
  }

  /**
   * Where an evenly spaced sample with spacing {@code step} starts: 0 outside training, so a user's
   * or movie's vector is the same every time it is computed; a random point of the first gap in
   * training, so every entry of a long list is read across epochs.
   */
  private static double offset(double step, SplittableRandom rnd) {
    return step > 1 && rnd != null ? rnd.nextDouble() * step : 0;
  }

  /**
   * Sets example {@code i}'s movie ratings to movie row {@code m}'s training raters but {@code
   * excludeUser} (the example's own user, a user row; -1 for none): in training the input must not
   * hold the rating it is asked to predict.
   */
  private void fillRaters(Batch b, int i, int m, int excludeUser, SplittableRandom rnd) {
    int[] r = movieRaters == null ? new int[0] : movieRaters.ids()[m];
    int take = taken(r.length, b.maxBag);
    double step = (double) r.length / take;
    double offset = offset(step, rnd);
    if (!b.movieRatingsRead) {
      // The offset was still drawn: the random stream, and so the model, are the same either way.
      b.movieRatings.set(i, r, null, 0);
      return;
    }
    int[] rows = b.scratch(take);
    double[] values = b.scratchValues(take);
    int n = 0;
    for (int t = 0; t < take; t++) {
      int k = Math.min(r.length - 1, (int) (offset + t * step));
      if (r[k] != excludeUser && userIdIndex[r[k]] != InputSpace.UNKNOWN) {
        rows[n] = userIdIndex[r[k]];
        values[n++] = movieRaters.values(m)[k];
      }
    }
    b.movieRatings.set(i, rows, values, n, take == 0 ? 1 : (double) r.length / take);
  }
}
