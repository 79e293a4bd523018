package movierec.generate;

/** What to generate: how many users, movies and ratings, and the seed everything follows from. */
public record GenerateSpec(int users, int movies, long ratings, long seed) {
  /** ML-1M's shape: 6,040 users, 3,706 rated movies, 1,000,209 ratings. */
  public static final GenerateSpec ML_1M = new GenerateSpec(6_040, 3_706, 1_000_209, 42);

  public GenerateSpec {
    if (users <= 0 || movies <= 0) {
      throw new movierec.cli.UsageException(
          "--users and --movies must be positive; got " + users + " and " + movies);
    }
    Activity.checkFeasible(users, movies, ratings);
  }

  /**
   * The generator's version: raised whenever the same spec would give other files, so data made by
   * an older generator is not taken for this one's (bench-scale compares {@link #describe}). 2:
   * which movies a user rates follows their taste.
   */
  public static final int GENERATOR_VERSION = 2;

  /** A line per setting, for the GENERATED.txt file beside the data. */
  public String describe() {
    return String.format(
        "users %d%nmovies %d%nratings %d%nseed %d%ngenerator %d%n",
        users, movies, ratings, seed, GENERATOR_VERSION);
  }
}
