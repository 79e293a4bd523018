package movierec.model;

/** One batch of model inputs as parallel arrays (the model's only input type). */
public final class Batch {
  final int capacity;
  final int genreSlots;
  final int titleLength;
  int size;
  final int[] user;
  final int[] gender;
  final int[] age;
  final int[] occupation;
  final int[] movie;
  final int[] genres;
  final int[] title;
  final double[] rating;

  /** The feature-table row of each example's movie: its identity even when its id is dropped. */
  final int[] item;

  /**
   * Each example's history bag (compressed rows): id rows histRows[histStart[i]..histStart[i+1]),
   * weighted by histScale[i]. Examples must be given their history in order, 0 first.
   */
  final int[] histStart;

  int[] histRows = new int[0];
  final double[] histScale;

  public Batch(int capacity, int genreSlots, int titleLength) {
    this.capacity = capacity;
    this.genreSlots = genreSlots;
    this.titleLength = titleLength;
    user = new int[capacity];
    gender = new int[capacity];
    age = new int[capacity];
    occupation = new int[capacity];
    movie = new int[capacity];
    genres = new int[capacity * genreSlots];
    title = new int[capacity * titleLength];
    rating = new double[capacity];
    item = new int[capacity];
    histStart = new int[capacity + 1];
    histScale = new double[capacity];
  }

  public int size() {
    return size;
  }

  public void clear() {
    size = 0;
  }

  /** Sets the user-side inputs of example {@code i} (indices from {@link InputSpace}). */
  public void setUser(int i, int userIndex, int genderIndex, int ageIndex, int occupationIndex) {
    user[i] = userIndex;
    gender[i] = genderIndex;
    age[i] = ageIndex;
    occupation[i] = occupationIndex;
  }

  /** Sets the movie-side inputs of example {@code i}; the rows are copied. */
  public void setMovie(int i, int movieIndex, int[] genreRow, int[] titleRow) {
    movie[i] = movieIndex;
    System.arraycopy(genreRow, 0, genres, i * genreSlots, genreSlots);
    System.arraycopy(titleRow, 0, title, i * titleLength, titleLength);
  }

  /**
   * Sets example {@code i}'s history to the id rows in {@code rows[0..count)}, scaled by
   * count^-1/2; examples 0..i-1 must have theirs already.
   */
  public void setHistory(int i, int[] rows, int count) {
    int start = histStart[i];
    if (histRows.length < start + count) {
      histRows = java.util.Arrays.copyOf(histRows, Math.max(start + count, 2 * histRows.length));
    }
    System.arraycopy(rows, 0, histRows, start, count);
    histStart[i + 1] = start + count;
    histScale[i] = count == 0 ? 0 : 1 / Math.sqrt(count);
  }

  private int[] scratch = new int[0];

  /** A work array of at least {@code n} ints, owned by this batch. */
  int[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new int[Math.max(n, 2 * scratch.length)];
    }
    return scratch;
  }

  public void setRating(int i, double r) {
    rating[i] = r;
  }

  /** Uses the first {@code n} examples. */
  public void setSize(int n) {
    if (n < 0 || n > capacity) {
      throw new IllegalArgumentException("batch size " + n + " outside [0, " + capacity + "]");
    }
    size = n;
  }
}
