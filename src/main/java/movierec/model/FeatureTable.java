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
    fillMovie(b, i, m, dropMovie, u);
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
    fillMovie(b, i, m, dropId, -1);
  }

  private void fillMovie(Batch b, int i, int m, boolean dropId, int excludeUser) {
    b.setMovie(i, dropId ? InputSpace.UNKNOWN : movieIdIndex[m], movieGenres[m], movieTitle[m]);
    b.item[i] = m;
    fillRaters(b, i, m, excludeUser);
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
    int[] rows = b.scratch(h.length);
    double[] values = b.scratchValues(h.length);
    int n = 0;
    for (int k = 0; k < h.length; k++) {
      int m = h[k];
      if (m != excludeMovie
          && movieIdIndex[m] != InputSpace.UNKNOWN
          && (dropout == 0 || rnd.nextDouble() >= dropout)) {
        rows[n] = movieIdIndex[m];
        values[n++] = ratings == null ? 0 : ratings[k];
      }
    }
    b.setHistory(i, rows, n);
    b.setUserRatings(i, rows, values, ratings == null ? 0 : n);
  }

  /**
   * Sets example {@code i}'s movie ratings to movie row {@code m}'s training raters but {@code
   * excludeUser} (the example's own user, a user row; -1 for none): in training the input must not
   * hold the rating it is asked to predict.
   */
  private void fillRaters(Batch b, int i, int m, int excludeUser) {
    int[] r = movieRaters == null ? new int[0] : movieRaters.ids()[m];
    int[] rows = b.scratch(r.length);
    double[] values = b.scratchValues(r.length);
    int n = 0;
    for (int k = 0; k < r.length; k++) {
      if (r[k] != excludeUser && userIdIndex[r[k]] != InputSpace.UNKNOWN) {
        rows[n] = userIdIndex[r[k]];
        values[n++] = movieRaters.values(m)[k];
      }
    }
    b.setMovieRatings(i, rows, values, n);
  }
}
