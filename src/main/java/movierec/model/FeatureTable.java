package movierec.model;

import java.io.Serializable;
import java.util.Arrays;

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
    fillUser(b, i, u, dropUser);
    fillMovie(b, i, m, dropMovie);
  }

  public void fillUser(Batch b, int i, int u, boolean dropId) {
    b.setUser(
        i,
        dropId ? InputSpace.UNKNOWN : userIdIndex[u],
        userGender[u],
        userAge[u],
        userOccupation[u]);
  }

  public void fillMovie(Batch b, int i, int m, boolean dropId) {
    b.setMovie(i, dropId ? InputSpace.UNKNOWN : movieIdIndex[m], movieGenres[m], movieTitle[m]);
  }
}
