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

  /** Each user row's training movies (movie rows, sorted), or null when not given. */
  final int[][] userHistory;

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
      int[][] userHistory) {
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
  }

  /**
   * This table with each user row's training movies (movie rows), the history input of the user
   * tower and what a ranking validation never offers the user.
   */
  public FeatureTable withHistories(int[][] history) {
    if (history.length != userIds.length) {
      throw new IllegalArgumentException("one history per user row");
    }
    int[][] sorted = new int[history.length][];
    for (int u = 0; u < history.length; u++) {
      sorted[u] = history[u].clone();
      Arrays.sort(sorted[u]);
    }
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
        sorted);
  }

  /** User row {@code u}'s training movies (movie rows, sorted); empty without histories. */
  public int[] history(int u) {
    return userHistory == null ? new int[0] : userHistory[u];
  }

  /** Training ratings per movie row (from the histories): what in-batch sampling draws by. */
  public long[] movieCounts() {
    long[] counts = new long[movieIds.length];
    if (userHistory != null) {
      for (int[] h : userHistory) {
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
    fillMovie(b, i, m, dropMovie);
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

  public void fillMovie(Batch b, int i, int m, boolean dropId) {
    b.setMovie(i, dropId ? InputSpace.UNKNOWN : movieIdIndex[m], movieGenres[m], movieTitle[m]);
    b.item[i] = m;
  }

  /**
   * Sets example {@code i}'s history to user row {@code u}'s training movies but {@code
   * excludeMovie} (the example's own target, a movie row; -1 for none), so a model never learns to
   * find the answer in its input.
   */
  private void fillHistory(
      Batch b, int i, int u, int excludeMovie, SplittableRandom rnd, double dropout) {
    int[] h = history(u);
    int[] rows = b.scratch(h.length);
    int n = 0;
    for (int m : h) {
      if (m != excludeMovie
          && movieIdIndex[m] != InputSpace.UNKNOWN
          && (dropout == 0 || rnd.nextDouble() >= dropout)) {
        rows[n++] = movieIdIndex[m];
      }
    }
    b.setHistory(i, rows, n);
  }
}
