package movierec.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What every ratings task needs, built once on the driver and broadcast: each user's number of
 * ratings, the movies' biases, factors and popularity sampler, and the star thresholds. O(U + M d)
 * numbers; the ratings themselves are drawn by the tasks, one user at a time, from the user's own
 * seeded generator.
 */
final class RatingPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Ratings drawn to place the star thresholds; each share lands within ~0.5 points. */
  static final int CALIBRATION_PAIRS = 500_000;

  /** Mean gap between a user's first rating and each later one. */
  static final double MEAN_DAYS_ACTIVE = 30;

  private final long seed;
  private final TasteModel taste;
  private final int[] counts;
  private final double[] movieBias;
  private final double[][] movieFactor;
  private final PopularitySampler sampler;
  private final double[] thresholds;

  RatingPlan(long seed, TasteModel taste, int[] counts, List<SyntheticMovie> movies) {
    this.seed = seed;
    this.taste = taste;
    this.counts = counts;
    int m = movies.size();
    this.movieBias = new double[m];
    this.movieFactor = new double[m][];
    double[] popularity = new double[m];
    for (int i = 0; i < m; i++) {
      SyntheticMovie mv = movies.get(i);
      movieBias[i] = mv.bias();
      movieFactor[i] = mv.factor();
      popularity[i] = mv.popularity();
    }
    this.sampler = new PopularitySampler(popularity);
    this.thresholds = calibrate();
  }

  /**
   * Scores of ratings drawn exactly as the tasks draw them (whole users, each with its movies
   * picked without replacement, so heavy users' long tails of less popular films count), from users
   * in a seeded random order until {@link #CALIBRATION_PAIRS} are in; the thresholds sit at ML-1M's
   * cumulative star shares among them.
   */
  private double[] calibrate() {
    SplittableRandom r = Draws.rng(seed, Draws.CALIBRATION, 0);
    double[] scores = new double[CALIBRATION_PAIRS];
    int n = 0;
    while (n < scores.length) {
      SyntheticUser u = SyntheticUser.of(seed, 1 + r.nextInt(counts.length), taste);
      for (int mv : pickMovies(u, r, counts[u.id() - 1])) {
        if (n < scores.length) {
          scores[n++] = score(u, mv, r);
        }
      }
    }
    Arrays.sort(scores);
    double[] t = new double[Ml1mShape.STAR_SHARES.length - 1];
    double cumulative = 0;
    for (int s = 0; s < t.length; s++) {
      cumulative += Ml1mShape.STAR_SHARES[s];
      t[s] = scores[(int) Math.min(scores.length - 1, Math.round(cumulative * scores.length))];
    }
    return t;
  }

  /**
   * The {@code k} movies user {@code u} rates: by popularity x exp(CHOICE_WEIGHT x affinity), so
   * which movies a user rates follows their taste as their stars do (in MovieLens people mostly
   * rate what they chose to watch; without this, which movies were rated says nothing about a user
   * and no top-N model can beat popularity). The tilt is divided by its largest value over the
   * catalogue to be an acceptance probability: O(M d) per user.
   */
  int[] pickMovies(SyntheticUser u, SplittableRandom r, int k) {
    double[] f = u.factor();
    double top = Double.NEGATIVE_INFINITY;
    for (double[] m : movieFactor) {
      top = Math.max(top, TasteModel.affinity(f, m));
    }
    double max = top;
    return sampler.pick(
        r,
        k,
        i -> Math.exp(TasteModel.CHOICE_WEIGHT * (TasteModel.affinity(f, movieFactor[i]) - max)));
  }

  private double score(SyntheticUser u, int movieIndex, SplittableRandom r) {
    return TasteModel.meanScore(
            u.bias(), u.factor(), movieBias[movieIndex], movieFactor[movieIndex])
        + TasteModel.NOISE_SD * r.nextGaussian();
  }

  int stars(double score) {
    int s = 1;
    while (s <= thresholds.length && score >= thresholds[s - 1]) {
      s++;
    }
    return s;
  }

  int users() {
    return counts.length;
  }

  /**
   * Whether a rating of {@code stars} from {@code score} is given half a star less in the CSV
   * layout: when the score sits in the lowest {@link #HALF_STAR_SHARE} of its star's interval (the
   * open intervals at either end take their neighbour's width), so half stars keep the order of the
   * scores.
   */
  boolean halfStarLess(double score, int stars) {
    int last = thresholds.length;
    double lo;
    double width;
    if (stars == 1) {
      width = thresholds[1] - thresholds[0];
      lo = thresholds[0] - width;
    } else {
      lo = thresholds[stars - 2];
      width =
          stars <= last ? thresholds[stars - 1] - lo : thresholds[last - 1] - thresholds[last - 2];
    }
    return score < lo + HALF_STAR_SHARE * width;
  }

  /** The share of each star's interval given half a star less (CSV layout). */
  static final double HALF_STAR_SHARE = 0.3;

  /** User {@code id}'s ratings.dat lines: {@code UserID::MovieID::Rating::Timestamp}. */
  List<String> ratingLines(int id) {
    return ratingLines(id, Layout.ML_1M);
  }

  /**
   * User {@code id}'s rating lines: {@code UserID::MovieID::Rating::Timestamp} (ML-1M) or {@code
   * userId,movieId,rating,timestamp} in half stars (CSV); the same draws either way, so a CSV
   * rating is its ML-1M rating or half a star less.
   */
  List<String> ratingLines(int id, Layout layout) {
    SyntheticUser u = SyntheticUser.of(seed, id, taste);
    SplittableRandom r = Draws.rng(seed, Draws.RATINGS, id);
    int[] movies = pickMovies(u, r, counts[id - 1]);
    long first = Ml1mShape.FIRST_TIMESTAMP;
    long last = Ml1mShape.LAST_TIMESTAMP;
    long start = first + r.nextLong(last - first);
    double meanSeconds = MEAN_DAYS_ACTIVE * 86_400;
    List<String> lines = new ArrayList<>(movies.length);
    for (int mv : movies) {
      double score = score(u, mv, r);
      int stars = stars(score);
      long t = Math.min(last, start + (long) (-Math.log(1 - r.nextDouble()) * meanSeconds));
      if (layout == Layout.CSV) {
        String rating = halfStarLess(score, stars) ? (stars - 1) + ".5" : stars + ".0";
        lines.add(id + "," + (mv + 1) + "," + rating + "," + t);
      } else {
        lines.add(id + "::" + (mv + 1) + "::" + stars + "::" + t);
      }
    }
    return lines;
  }
}
