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
