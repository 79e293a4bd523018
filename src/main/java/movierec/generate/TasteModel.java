package movierec.generate;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * How a rating comes about: score = user bias + movie bias + w * (user factor . movie factor) /
 * sqrt(d) + noise, cut into stars at thresholds calibrated so the star shares are ML-1M's ({@link
 * StarScale}). Movie factors lean towards their genres' vectors and user factors towards their
 * gender's, age's and occupation's, so genre x demographic effects exist for the models to learn,
 * and a model of ids and features can beat per-user and per-movie biases alone. The weights are
 * chosen, not fitted: 28% of the score's variance is the interaction, 43% the biases (a third of
 * the movie bias follows popularity, as in MovieLens, where often-rated films are rated higher) and
 * 29% noise (variances 0.35, 0.20 + 0.33, 0.36).
 */
public final class TasteModel implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DIM = 8;
  static final double INTERACTION_WEIGHT = 0.6;
  static final double NOISE_SD = 0.6;
  static final double USER_BIAS_SD = 0.45;
  static final double MOVIE_BIAS_SD = 0.45;
  static final double POPULARITY_BIAS = 0.35;
  static final double GENRE_PULL = 0.8;
  static final double MOVIE_OWN_SD = 0.6;
  static final double DEMOGRAPHIC_PULL = 0.5;
  static final double USER_OWN_SD = 0.85;

  /**
   * How strongly which movies a user rates follows their affinity: a movie's chance is its
   * popularity x exp(CHOICE_WEIGHT x affinity).
   */
  static final double CHOICE_WEIGHT = 1.5;

  private final double[][] genre;
  private final double[][] gender;
  private final double[][] age;
  private final double[][] occupation;

  public TasteModel(long seed) {
    SplittableRandom r = Draws.rng(seed, Draws.TASTE, 0);
    genre = vectors(r, Ml1mShape.GENRES.size());
    gender = vectors(r, 2);
    age = vectors(r, Ml1mShape.AGE_CODES.length);
    occupation = vectors(r, Ml1mShape.OCCUPATION_COUNTS.length);
  }

  private static double[][] vectors(SplittableRandom r, int n) {
    double[][] v = new double[n][];
    for (int i = 0; i < n; i++) {
      v[i] = Draws.gaussian(r, DIM, 1.0);
    }
    return v;
  }

  /** A movie's factor: its genres' mean direction plus its own part. */
  double[] movieFactor(int[] genreIndexes, SplittableRandom r) {
    double[] f = Draws.gaussian(r, DIM, MOVIE_OWN_SD);
    double scale = GENRE_PULL / Math.sqrt(genreIndexes.length);
    for (int g : genreIndexes) {
      for (int k = 0; k < DIM; k++) {
        f[k] += scale * genre[g][k];
      }
    }
    return f;
  }

  /** A user's factor: the demographic groups' directions plus the user's own part. */
  double[] userFactor(int genderIndex, int ageIndex, int occupationCode, SplittableRandom r) {
    double[] f = Draws.gaussian(r, DIM, USER_OWN_SD);
    double scale = DEMOGRAPHIC_PULL / Math.sqrt(3);
    for (int k = 0; k < DIM; k++) {
      f[k] += scale * (gender[genderIndex][k] + age[ageIndex][k] + occupation[occupationCode][k]);
    }
    return f;
  }

  /** The score before noise. */
  static double meanScore(double userBias, double[] userFactor, double movieBias, double[] mf) {
    return userBias + movieBias + INTERACTION_WEIGHT * affinity(userFactor, mf);
  }

  /** How much a user's taste and a movie's agree: factor . factor / sqrt(d), about N(0, 1). */
  static double affinity(double[] userFactor, double[] movieFactor) {
    double dot = 0;
    for (int k = 0; k < DIM; k++) {
      dot += userFactor[k] * movieFactor[k];
    }
    return dot * INV_SQRT_DIM;
  }

  private static final double INV_SQRT_DIM = 1 / Math.sqrt(DIM);
}
