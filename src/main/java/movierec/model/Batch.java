package movierec.model;

/** One batch of model inputs as parallel arrays (the model's only input type). */
public final class Batch {
  final int capacity;
  final int genreSlots;
  final int titleLength;

  /** Entries of a list each bag reads at most ({@link ModelConfig#maxBag}; 0: all). */
  final int maxBag;

  /**
   * Whether the model has a user-ratings and a movie-ratings input. A bag that no input reads stays
   * empty: one table of features serves both models, and filling the ranker's unread movie-ratings
   * bag, uncapped, made its steps at a 25M shape 2.8x slower.
   */
  final boolean userRatingsRead;

  final boolean movieRatingsRead;

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

  /** Each example's history: its user's training movies (id rows). */
  final Bag history;

  /** Each example's user ratings: its user's training movies (id rows), by centred rating. */
  final Bag userRatings;

  /** Each example's movie ratings: its movie's training users (id rows), by centred rating. */
  final Bag movieRatings;

  public Batch(int capacity, int genreSlots, int titleLength) {
    this(capacity, genreSlots, titleLength, 0);
  }

  /** A batch of {@code capacity} examples for {@code model}: its input sizes and bag cap. */
  public static Batch of(TwoTowerModel model, int capacity) {
    return new Batch(
        capacity,
        model.space.genreSlots(),
        model.config.titleLength(),
        model.config.maxBag(),
        model.userRatings != null,
        model.movieRatings != null);
  }

  Batch(int capacity, int genreSlots, int titleLength, int maxBag) {
    this(capacity, genreSlots, titleLength, maxBag, true, true);
  }

  Batch(
      int capacity,
      int genreSlots,
      int titleLength,
      int maxBag,
      boolean userRatingsRead,
      boolean movieRatingsRead) {
    if (maxBag < 0) {
      throw new IllegalArgumentException("maxBag must be >= 0");
    }
    this.capacity = capacity;
    this.maxBag = maxBag;
    this.userRatingsRead = userRatingsRead;
    this.movieRatingsRead = movieRatingsRead;
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
    history = new Bag(capacity);
    userRatings = new Bag(capacity);
    movieRatings = new Bag(capacity);
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
    history.set(i, rows, null, count);
  }

  /**
   * Sets example {@code i}'s user ratings to the movie id rows in {@code rows[0..count)}, each
   * weighted by {@code values[k]} (a centred rating) times count^-1/2; examples 0..i-1 must have
   * theirs already.
   */
  public void setUserRatings(int i, int[] rows, double[] values, int count) {
    userRatings.set(i, rows, values, count);
  }

  /** The same for example {@code i}'s movie ratings: user id rows and centred ratings. */
  public void setMovieRatings(int i, int[] rows, double[] values, int count) {
    movieRatings.set(i, rows, values, count);
  }

  private int[] scratch = new int[0];

  /** A work array of at least {@code n} ints, owned by this batch. */
  int[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new int[Math.max(n, 2 * scratch.length)];
    }
    return scratch;
  }

  private double[] scratchValues = new double[0];

  /** A work array of at least {@code n} doubles, owned by this batch. */
  double[] scratchValues(int n) {
    if (scratchValues.length < n) {
      scratchValues = new double[Math.max(n, 2 * scratchValues.length)];
    }
    return scratchValues;
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
