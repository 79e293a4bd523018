package movierec.generate;

import java.util.List;

/**
 * The shapes the generator draws from, fitted to MovieLens 1M ({@code ../shared/data/ml-1m} for
 * users and movies, {@code ml-1m-full} for the 1,000,209 ratings). {@code Ml1mShapeTest} recomputes
 * each categorical share from the real files and fails if one drifts, so the figures below cannot
 * silently go stale.
 *
 * <ul>
 *   <li>User activity (ratings per user, at least 20): 20 + s x a lognormal weight with sigma 1.04,
 *       the scale s set so the requested total is met exactly. Sigma is the least-squares fit of
 *       the log quartiles, p90 and p99 of ML-1M's ratings per user (44, 96, 208, 400, 903; max
 *       2,314) at ML-1M's mean of 165.6; it gives 105, 191, 345, 978 (mu only sets the scale, so it
 *       is 0). The log-moment fit (sigma 1.48) overshoots the tail (p99 1,486).
 *   <li>Movie popularity: a lognormal weight with sigma 1.5; a user's movies are drawn by weight
 *       without replacement. At ML-1M's shape this gives per-movie counts with ML-1M's median (123)
 *       and p90 680 (ML-1M 729), p99 2,039 (1,783): the lognormal's top is a little heavier than
 *       MovieLens's, where the most rated film reaches 57% of users. The log-moment fit of ML-1M's
 *       counts (sigma 1.78) overshoots more (p99 2,463), because drawing without replacement
 *       already flattens heavy users' lists.
 *   <li>Demographics, genres per movie, genre frequencies, the star distribution: ML-1M's shares.
 *   <li>Release year: 2000 - (lognormal(1.95, 1.39) - 1), floored at 1919 (ML-1M: median 1994,
 *       quartile 1982, decile 1959).
 * </ul>
 */
public final class Ml1mShape {
  public static final double ACTIVITY_MU = 0;
  public static final double ACTIVITY_SIGMA = 1.04;
  public static final int MIN_RATINGS_PER_USER = 20;

  public static final double POPULARITY_MU = 0;
  public static final double POPULARITY_SIGMA = 1.5;

  public static final double FEMALE_SHARE = 1709.0 / 6040;

  /** ML-1M's age codes and how many of its 6,040 users have each. */
  public static final int[] AGE_CODES = {1, 18, 25, 35, 45, 50, 56};

  public static final double[] AGE_COUNTS = {222, 1103, 2096, 1193, 550, 496, 380};

  /** Users per occupation code 0..20. */
  public static final double[] OCCUPATION_COUNTS = {
    711, 528, 267, 173, 759, 112, 236, 679, 17, 92, 195, 129, 388, 142, 302, 144, 241, 502, 70, 72,
    281
  };

  /** ML-1M's genres and how many of its 3,883 movies carry each. */
  public static final List<String> GENRES =
      List.of(
          "Drama",
          "Comedy",
          "Action",
          "Thriller",
          "Romance",
          "Horror",
          "Adventure",
          "Sci-Fi",
          "Children's",
          "Crime",
          "War",
          "Documentary",
          "Musical",
          "Mystery",
          "Animation",
          "Fantasy",
          "Western",
          "Film-Noir");

  public static final double[] GENRE_COUNTS = {
    1603, 1200, 503, 492, 471, 343, 283, 276, 251, 211, 143, 127, 114, 106, 105, 68, 68, 44
  };

  /** Movies with 1, 2, ... 6 genres. */
  public static final double[] GENRES_PER_MOVIE_COUNTS = {2025, 1322, 421, 100, 14, 1};

  /** Share of ratings with 1..5 stars. */
  public static final double[] STAR_SHARES = {0.0562, 0.1075, 0.2611, 0.3489, 0.2263};

  public static final double YEAR_AGE_MU = 1.95;
  public static final double YEAR_AGE_SIGMA = 1.39;
  public static final int LATEST_YEAR = 2000;
  public static final int EARLIEST_YEAR = 1919;

  /** ML-1M's first and last rating time, Unix seconds (2000-04-25 .. 2003-02-28). */
  public static final long FIRST_TIMESTAMP = 956_703_932L;

  public static final long LAST_TIMESTAMP = 1_046_454_590L;

  private Ml1mShape() {}
}
