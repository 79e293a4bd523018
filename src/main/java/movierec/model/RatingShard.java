package movierec.model;

import java.io.Serializable;

/** One partition's ratings as parallel primitive arrays of feature-table rows. */
public final class RatingShard implements Serializable {
  private static final long serialVersionUID = 1L;

  final int[] userRow;
  final int[] movieRow;
  final float[] rating;

  public RatingShard(int[] userRow, int[] movieRow, float[] rating) {
    if (userRow.length != movieRow.length || userRow.length != rating.length) {
      throw new IllegalArgumentException("shard arrays differ in length");
    }
    this.userRow = userRow;
    this.movieRow = movieRow;
    this.rating = rating;
  }

  /** The first {@code n} ratings, as a shard of their own. */
  public RatingShard head(int n) {
    return new RatingShard(
        java.util.Arrays.copyOf(userRow, n),
        java.util.Arrays.copyOf(movieRow, n),
        java.util.Arrays.copyOf(rating, n));
  }

  public int size() {
    return rating.length;
  }

  public int userRow(int i) {
    return userRow[i];
  }

  public int movieRow(int i) {
    return movieRow[i];
  }

  public float rating(int i) {
    return rating[i];
  }

  public double ratingSum() {
    double s = 0;
    for (float r : rating) {
      s += r;
    }
    return s;
  }
}
