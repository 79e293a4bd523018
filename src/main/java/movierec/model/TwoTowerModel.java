package movierec.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The embedding regressor: a user tower (id, gender, age, occupation embeddings, each through a
 * ReLU dense layer, concatenated, then a tanh dense layer to the user vector) and a movie tower (id
 * and summed-genre embeddings each through a ReLU dense layer, the title through {@link TextCnn},
 * dropout and a ReLU dense layer, concatenated, then a tanh dense layer to the movie vector). Bag
 * inputs may join either tower: the user's movies (history) and their ratings, the movie's raters
 * and their ratings ({@link BagInput}). The prediction is the vectors' dot product, plus the global
 * mean and a user and a movie bias when {@link ModelConfig#biases}.
 *
 * <p>One instance is single-threaded: it owns its activation buffers.
 */
public final class TwoTowerModel {
  final ModelConfig config;
  final InputSpace space;
  double globalMean;
  long step;

  final Embedding userId;
  final Embedding gender;
  final Embedding age;
  final Embedding occupation;
  final Dense userIdFc;
  final Dense genderFc;
  final Dense ageFc;
  final Dense occupationFc;
  final Dense userOut;

  /** The history input (null without): the user's movies, each weighted 1. */
  final BagInput history;

  /** The user ratings input (null without): the user's movies, each by its centred rating. */
  final BagInput userRatings;

  private final int userParts;

  final Embedding movieId;
  final Embedding genre;
  final Embedding word;
  final TextCnn cnn;
  final Dropout titleDropout;
  final Dense movieIdFc;
  final Dense genreFc;
  final Dense titleFc;
  final Dense movieOut;

  /** The movie ratings input (null without): the movie's raters, each by centred rating. */
  final BagInput movieRatings;

  private final int movieParts;

  final Param userBias;
  final Param movieBias;
  private final List<Param> params;

  private double[] userCat = new double[0];
  private double[] movieCat = new double[0];
  private double[] userVec;
  private double[] movieVec;
  private double[] pred = new double[0];
  private double[] dUser = new double[0];
  private double[] dMovie = new double[0];
  private Batch last;

  /** A freshly initialised model; the same config and space give the same weights. */
  public TwoTowerModel(ModelConfig config, InputSpace space, double globalMean) {
    this.config = config;
    this.space = space;
    this.globalMean = config.biases() ? globalMean : 0.0;
    ModelConfig c = config;
    int t = c.towerDim();
    userId = new Embedding("user.id", space.userRows(), c.userIdDim(), -1);
    gender = new Embedding("user.gender", space.genders().length + 1, c.demographicDim(), -1);
    age = new Embedding("user.age", space.ages().length + 1, c.demographicDim(), -1);
    occupation =
        new Embedding("user.occupation", space.occupations().length + 1, c.demographicDim(), -1);
    userIdFc = new Dense("user.id.fc", c.userIdDim(), t, Activation.RELU);
    genderFc = new Dense("user.gender.fc", c.demographicDim(), t, Activation.RELU);
    ageFc = new Dense("user.age.fc", c.demographicDim(), t, Activation.RELU);
    occupationFc = new Dense("user.occupation.fc", c.demographicDim(), t, Activation.RELU);
    int parts = 4;
    history =
        c.historyDim() > 0
            ? new BagInput("user.history", space.movieRows(), c.historyDim(), t, parts++)
            : null;
    userRatings =
        c.userRatingsDim() > 0
            ? new BagInput("user.ratings", space.movieRows(), c.userRatingsDim(), t, parts++)
            : null;
    userParts = parts;
    userOut = new Dense("user.out", userParts * t, c.vectorDim(), Activation.TANH);

    movieId = new Embedding("movie.id", space.movieRows(), c.movieIdDim(), -1);
    genre =
        new Embedding("movie.genre", space.genres().length + 1, c.genreDim(), InputSpace.PADDING);
    word = new Embedding("movie.word", space.words().length + 2, c.wordDim(), InputSpace.PADDING);
    cnn =
        new TextCnn(
            "movie.cnn",
            c.titleLength(),
            c.wordDim(),
            c.filters(),
            c.windows(),
            InputSpace.PADDING);
    titleDropout = new Dropout(c.dropout());
    movieIdFc = new Dense("movie.id.fc", c.movieIdDim(), t, Activation.RELU);
    genreFc = new Dense("movie.genre.fc", c.genreDim(), t, Activation.RELU);
    titleFc = new Dense("movie.title.fc", cnn.outputs(), t, Activation.RELU);
    movieRatings =
        c.movieRatingsDim() > 0
            ? new BagInput("movie.ratings", space.userRows(), c.movieRatingsDim(), t, 3)
            : null;
    movieParts = movieRatings == null ? 3 : 4;
    movieOut = new Dense("movie.out", movieParts * t, c.vectorDim(), Activation.TANH);

    userBias = new Param("user.bias", space.userRows(), 1, true, true);
    movieBias = new Param("movie.bias", space.movieRows(), 1, true, true);

    List<Embedding> embeddings =
        new ArrayList<>(List.of(userId, gender, age, occupation, movieId, genre, word));
    List<Dense> denses =
        new ArrayList<>(
            List.of(
                userIdFc,
                genderFc,
                ageFc,
                occupationFc,
                userOut,
                movieIdFc,
                genreFc,
                titleFc,
                movieOut));
    // Appended, so a model without them initialises exactly as before they existed.
    for (BagInput bag : java.util.Arrays.asList(history, userRatings, movieRatings)) {
      if (bag != null) {
        embeddings.add(bag.table);
        denses.add(bag.fc);
      }
    }
    List<Param> ps = new ArrayList<>();
    embeddings.forEach(e -> ps.add(e.table));
    for (Dense d : denses) {
      ps.add(d.weight);
      ps.add(d.bias);
    }
    for (int i = 0; i < cnn.kernels.length; i++) {
      ps.add(cnn.kernels[i]);
      ps.add(cnn.biases[i]);
    }
    if (config.biases()) {
      ps.add(userBias);
      ps.add(movieBias);
    }
    params = Collections.unmodifiableList(ps);

    SplittableRandom rnd = new SplittableRandom(config.seed());
    embeddings.forEach(e -> e.init(rnd.split(), EMBEDDING_INIT));
    denses.forEach(d -> d.init(rnd.split()));
    cnn.init(rnd.split());
  }

  /** Embeddings start uniform in +-this: small, so the first predictions sit near the mean. */
  static final double EMBEDDING_INIT = 0.1;

  public ModelConfig config() {
    return config;
  }

  public InputSpace space() {
    return space;
  }

  public double globalMean() {
    return globalMean;
  }

  public long step() {
    return step;
  }

  /** Every trainable parameter, in a fixed order (the order of saved files and averaging). */
  public List<Param> params() {
    return params;
  }

  /** The user bias of an id row (0 without biases); row 0 serves cold-start users. */
  public double userBias(int index) {
    return config.biases() ? userBias.fw[index] : 0.0;
  }

  public double movieBias(int index) {
    return config.biases() ? movieBias.fw[index] : 0.0;
  }

  public int vectorDim() {
    return config.vectorDim();
  }

  /** Predicted ratings for the batch; {@code rnd} non-null means training (dropout on). */
  public double[] forward(Batch b, SplittableRandom rnd) {
    int n = b.size;
    last = b;
    userVec = userTower(b);
    movieVec = movieTower(b, rnd);
    int dim = config.vectorDim();
    if (pred.length < n) {
      pred = new double[n];
    }
    for (int r = 0; r < n; r++) {
      double s = 0;
      int o = r * dim;
      for (int k = 0; k < dim; k++) {
        s += userVec[o + k] * movieVec[o + k];
      }
      if (config.biases()) {
        s += globalMean + userBias.fw[b.user[r]] + movieBias.fw[b.movie[r]];
      }
      pred[r] = s;
    }
    return pred;
  }

  /** The user vectors of the batch ({@code n x vectorDim}, a buffer the model reuses). */
  public double[] userTower(Batch b) {
    int n = b.size;
    int t = config.towerDim();
    int parts = userParts;
    userCat = ensure(userCat, n * parts * t);
    ColumnBlocks.concat(
        userCat, parts, 0, userIdFc.forward(userId.forward(b.user, n, 1, false), n), n, t);
    ColumnBlocks.concat(
        userCat, parts, 1, genderFc.forward(gender.forward(b.gender, n, 1, false), n), n, t);
    ColumnBlocks.concat(userCat, parts, 2, ageFc.forward(age.forward(b.age, n, 1, false), n), n, t);
    ColumnBlocks.concat(
        userCat,
        parts,
        3,
        occupationFc.forward(occupation.forward(b.occupation, n, 1, false), n),
        n,
        t);
    if (history != null) {
      ColumnBlocks.concat(userCat, parts, history.part, history.forward(b.history, n), n, t);
    }
    if (userRatings != null) {
      ColumnBlocks.concat(
          userCat, parts, userRatings.part, userRatings.forward(b.userRatings, n), n, t);
    }
    return userOut.forward(userCat, n);
  }

  /** The movie vectors of the batch; dropout only when {@code rnd} is non-null. */
  public double[] movieTower(Batch b, SplittableRandom rnd) {
    int n = b.size;
    int t = config.towerDim();
    int parts = movieParts;
    movieCat = ensure(movieCat, n * parts * t);
    ColumnBlocks.concat(
        movieCat, parts, 0, movieIdFc.forward(movieId.forward(b.movie, n, 1, false), n), n, t);
    ColumnBlocks.concat(
        movieCat,
        parts,
        1,
        genreFc.forward(genre.forward(b.genres, n, b.genreSlots, true), n),
        n,
        t);
    double[] words = word.forward(b.title, n, b.titleLength, false);
    double[] pooled = cnn.forward(words, b.title, n);
    titleDropout.forward(pooled, n * cnn.outputs(), rnd);
    ColumnBlocks.concat(movieCat, parts, 2, titleFc.forward(pooled, n), n, t);
    if (movieRatings != null) {
      ColumnBlocks.concat(
          movieCat, parts, movieRatings.part, movieRatings.forward(b.movieRatings, n), n, t);
    }
    return movieOut.forward(movieCat, n);
  }

  /**
   * Back-propagates dL/d(prediction) of the last {@link #forward}, accumulating gradients into
   * every parameter (sparse rows for embeddings and biases).
   */
  public void backward(double[] dPred) {
    Batch b = last;
    int n = b.size;
    int dim = config.vectorDim();
    dUser = ensure(dUser, n * dim);
    dMovie = ensure(dMovie, n * dim);
    for (int r = 0; r < n; r++) {
      double d = dPred[r];
      int o = r * dim;
      for (int k = 0; k < dim; k++) {
        dUser[o + k] = d * movieVec[o + k];
        dMovie[o + k] = d * userVec[o + k];
      }
      if (config.biases()) {
        userBias.fg[b.user[r]] += d;
        userBias.touch(b.user[r]);
        movieBias.fg[b.movie[r]] += d;
        movieBias.touch(b.movie[r]);
      }
    }
    backwardTowers(dUser, dMovie, n);
  }

  /** Back-propagates dL/d(user vectors) and dL/d(movie vectors) of the last forward. */
  private void backwardTowers(double[] dUser, double[] dMovie, int n) {
    int t = config.towerDim();
    int parts = userParts;
    double[] dUserCat = userOut.backward(dUser, n, true);
    userId.backward(
        userIdFc.backward(ColumnBlocks.slice(dUserCat, parts, 0, n, t), n, true), n, false);
    gender.backward(
        genderFc.backward(ColumnBlocks.slice(dUserCat, parts, 1, n, t), n, true), n, false);
    age.backward(ageFc.backward(ColumnBlocks.slice(dUserCat, parts, 2, n, t), n, true), n, false);
    occupation.backward(
        occupationFc.backward(ColumnBlocks.slice(dUserCat, parts, 3, n, t), n, true), n, false);
    if (history != null) {
      history.backward(ColumnBlocks.slice(dUserCat, parts, history.part, n, t), n);
    }
    if (userRatings != null) {
      userRatings.backward(ColumnBlocks.slice(dUserCat, parts, userRatings.part, n, t), n);
    }

    int mParts = movieParts;
    double[] dMovieCat = movieOut.backward(dMovie, n, true);
    movieId.backward(
        movieIdFc.backward(ColumnBlocks.slice(dMovieCat, mParts, 0, n, t), n, true), n, false);
    genre.backward(
        genreFc.backward(ColumnBlocks.slice(dMovieCat, mParts, 1, n, t), n, true), n, true);
    if (movieRatings != null) {
      movieRatings.backward(ColumnBlocks.slice(dMovieCat, mParts, movieRatings.part, n, t), n);
    }
    double[] dPooled = titleFc.backward(ColumnBlocks.slice(dMovieCat, mParts, 2, n, t), n, true);
    titleDropout.backward(dPooled, n * cnn.outputs());
    word.backward(cnn.backward(dPooled, n), n, false);
  }

  /**
   * The ranking objective on one batch of (user, movie) positives: a softmax over the batch's
   * movies for each user, the other examples' movies serving as negatives (Yi et al. 2019,
   * "Sampling-Bias-Corrected Neural Modeling for Large Corpus Item Recommendations"). A movie
   * appears in batches in proportion to its popularity, so each logit is corrected by the log of
   * that frequency ({@code logQ} by movie row); another example of the same movie is not a
   * negative. Returns the summed cross-entropy and accumulates the gradient of its mean.
   *
   * <p>Cost: n^2 x vector-dim for the logits and twice that for their gradient (three BLAS
   * products), on top of the towers' n examples.
   */
  public double rankingStep(Batch b, SplittableRandom rnd, double[] logQ) {
    int n = b.size;
    int dim = config.vectorDim();
    last = b;
    userVec = userTower(b);
    movieVec = movieTower(b, rnd);
    double inv = 1 / config.temperature();
    double[] logits = new double[n * n];
    Gemm.abt(userVec, movieVec, logits, n, dim, n, 1.0, 0.0);
    double[] bias = new double[n];
    for (int j = 0; j < n; j++) {
      bias[j] = movieBias(b.movie[j]);
    }
    InBatchSoftmax.correct(logits, n, b.item, bias, inv, logQ);
    double loss = InBatchSoftmax.crossEntropy(logits, n, inv);
    if (config.biases()) {
      // A user's bias is the same in all of their logits and cancels in the softmax: no gradient.
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          movieBias.fg[b.movie[j]] += logits[i * n + j];
        }
      }
      for (int j = 0; j < n; j++) {
        movieBias.touch(b.movie[j]);
      }
    }
    dUser = ensure(dUser, n * dim);
    dMovie = ensure(dMovie, n * dim);
    Gemm.ab(logits, movieVec, dUser, n, n, dim, 0.0);
    Gemm.atb(logits, userVec, dMovie, n, n, dim, 1.0, 0.0);
    backwardTowers(dUser, dMovie, n);
    return loss;
  }

  /** Clears every gradient (after a step, or before a gradient check). */
  public void zeroGrad() {
    for (Param p : params) {
      p.zeroGrad();
    }
  }

  private static double[] ensure(double[] a, int len) {
    return a.length < len ? new double[len] : a;
  }
}
