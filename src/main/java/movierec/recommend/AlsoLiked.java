package movierec.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.Optional;
import movierec.similarity.CoRatingSimilarity;
import movierec.similarity.HeavyCap;
import movierec.similarity.NeighborSchemas;
import movierec.similarity.Neighbors;
import movierec.similarity.PairBudget;
import movierec.similarity.StageSizes;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * also_liked, "people who liked this movie also liked", two ways.
 *
 * <p>tutorial: the users whose vectors score the movie highest, and what those users' own top lists
 * hold most often (support = how many of them list it; score = support / top users). The notebook
 * did this with user indices off by one and a loop that never ended when its users favoured fewer
 * than five distinct movies; here ids are joined, not indexed, and a list is simply shorter when
 * fewer movies qualify.
 *
 * <p>co_rating: users who rated the movie at least like-threshold, and what else they rated that
 * high (support = users liking both, at least min-support; score = support / the movie's likers,
 * the confidence of the rule). The co-counts come from the similarity job's blocked co-rating
 * ({@link CoRatingSimilarity}, support lists) over likes, so no row per liked pair is ever made.
 * Cost: sum over users of likes^2 / 2 counter increments; shuffle: each like copied to every block
 * pair its user touches (at most likes x movies / block-size); memory per task: block-size^2 x 4
 * bytes of counters.
 */
public final class AlsoLiked {
  private static final String OTHER = RecommendSchemas.NEIGHBOR_ID;
  private static final Logger LOG = LoggerFactory.getLogger(AlsoLiked.class);

  private AlsoLiked() {}

  /**
   * @param fans movie_id, user_id: each movie's top users by one model's vectors ({@link
   *     UserTopMovies#withFans}, the same pass as that model's user lists)
   * @param userTop that model's user_top_movies
   */
  public static Dataset<Row> tutorial(
      Dataset<Row> fans, Dataset<Row> userTop, int topUsers, int favourites, int n) {
    Dataset<Row> favs =
        userTop
            .filter(col(RecommendSchemas.RANK).leq(favourites))
            .select(col(RecommendSchemas.USER_ID), col(RecommendSchemas.MOVIE_ID).as(OTHER));
    Dataset<Row> counted =
        fans.join(favs, RecommendSchemas.USER_ID)
            .filter(col(OTHER).notEqual(col(RecommendSchemas.MOVIE_ID)))
            .groupBy(RecommendSchemas.MOVIE_ID, OTHER)
            .agg(count(lit(1)).cast("int").as(RecommendSchemas.SUPPORT))
            .withColumn(
                RecommendSchemas.SCORE,
                col(RecommendSchemas.SUPPORT).cast("double").divide(topUsers));
    return finish(counted, RecommendSchemas.TUTORIAL, n);
  }

  /**
   * recommend.also-liked.max-pairs, or when unset (logged) the similarity stage's compute budget in
   * pairs ({@link StageSizes#UPDATES_PER_CORE} x cores x 2, a pair counted each way): a count is
   * cheaper than a similarity update, so the same time bound holds with room.
   */
  public static long pairBudget(Optional<Long> configured, int cores) {
    if (configured.isPresent()) {
      return configured.get();
    }
    long budget = 2 * StageSizes.updatesBudget(Optional.empty(), cores);
    LOG.info(
        "recommend.also-liked.max-pairs derived: {} ({} cores x 2 x {};"
            + " recommend.also-liked.max-pairs is unset)",
        String.format("%,d", budget),
        cores,
        String.format("%,d", StageSizes.UPDATES_PER_CORE));
    return budget;
  }

  /**
   * Fails before any work when the co-rating count would visit more than {@code maxPairs} pairs
   * (sum over users of likes x (likes - 1) after the cap), naming the cap that fits.
   */
  public static long checkBudget(Dataset<Row> likes, int heavyCap, long maxPairs) {
    long[] perUser = PairBudget.activity(likes, TrainSchemas.USER_ID);
    long pairs = 2 * PairBudget.updates(perUser, heavyCap);
    if (pairs > maxPairs) {
      int fit = PairBudget.largestCapWithin(perUser, maxPairs / 2);
      throw new IllegalArgumentException(
          String.format(
              "also_liked (co-rating) would count %,d pairs of liked movies (the sum over %,d users"
                  + " of likes x (likes - 1)%s), above recommend.also-liked.max-pairs = %,d. Set"
                  + " recommend.also-liked.heavy-cap=%d (%,d pairs; a user with more likes then"
                  + " counts a seeded sample of %d), or raise the budget if this machine can take"
                  + " it",
              pairs,
              perUser.length,
              heavyCap > 0 ? " at heavy-cap " + heavyCap : "",
              maxPairs,
              fit,
              2 * PairBudget.updates(perUser, fit),
              fit));
    }
    return pairs;
  }

  /** Each user's likes (user_id, movie_id): ratings of at least the threshold. */
  public static Dataset<Row> likes(Dataset<Row> ratings, double likeThreshold) {
    return ratings
        .filter(col(TrainSchemas.RATING).geq(likeThreshold))
        .select(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID);
  }

  /**
   * The co-rating version from the ratings (user_id, movie_id, rating); a user with more than
   * {@code heavyCap} likes (0 = no cap) counts a seeded sample of them. Movies are cut into blocks
   * of {@code blockSize} for the co-counting.
   */
  public static Dataset<Row> coRating(
      SparkSession spark,
      Dataset<Row> ratings,
      double likeThreshold,
      int minSupport,
      int n,
      int heavyCap,
      long seed,
      int blockSize) {
    Dataset<Row> likes =
        HeavyCap.sample(
            likes(ratings, likeThreshold),
            TrainSchemas.USER_ID,
            TrainSchemas.MOVIE_ID,
            heavyCap,
            seed);
    // Values of 1: a support list's score is the co-count over the movie's likers, and its order
    // (support, then the lower id) is also_liked's order.
    Dataset<Row> input =
        likes.select(
            col(TrainSchemas.MOVIE_ID).as(CoRatingSimilarity.ENTITY),
            col(TrainSchemas.USER_ID).as(CoRatingSimilarity.OTHER),
            lit(1.0).as(CoRatingSimilarity.VALUE));
    Dataset<Row> lists =
        Neighbors.rank(
            spark,
            CoRatingSimilarity.compute(
                spark, input, CoRatingSimilarity.Params.support(blockSize, n, minSupport), null),
            n);
    return lists.select(
        col(NeighborSchemas.ID).as(RecommendSchemas.MOVIE_ID),
        lit(RecommendSchemas.CO_RATING).as(RecommendSchemas.METHOD),
        col(NeighborSchemas.RANK).as(RecommendSchemas.RANK),
        col(NeighborSchemas.NEIGHBOR_ID).as(OTHER),
        col(NeighborSchemas.SCORE).as(RecommendSchemas.SCORE),
        col(NeighborSchemas.CO_COUNT).as(RecommendSchemas.SUPPORT));
  }

  /** Ranks by support (then score, then the lower id) and shapes the also_liked rows. */
  private static Dataset<Row> finish(Dataset<Row> counted, String method, int n) {
    return SimilarMovies.rankWithin(
            counted,
            RecommendSchemas.MOVIE_ID,
            n,
            col(RecommendSchemas.SUPPORT).desc(),
            col(RecommendSchemas.SCORE).desc(),
            col(OTHER).asc())
        .select(
            col(RecommendSchemas.MOVIE_ID),
            lit(method).as(RecommendSchemas.METHOD),
            col(RecommendSchemas.RANK),
            col(OTHER),
            col(RecommendSchemas.SCORE),
            col(RecommendSchemas.SUPPORT));
  }

  /**
   * also_liked: the tutorial's lists (from the vector model's fans and favourites) and the
   * co-rating ones (from likes, {@code seed} drawing the heavy users' sample).
   */
  public static Dataset<Row> all(
      SparkSession spark,
      UserTopMovies.WithFans vectorModelPass,
      Dataset<Row> ratings,
      RecommendConfig rc,
      long seed) {
    return tutorial(
            vectorModelPass.fans(),
            vectorModelPass.lists(),
            rc.topUsers(),
            rc.userFavourites(),
            rc.topN())
        .unionAll(
            coRating(
                spark,
                ratings,
                rc.likeThreshold(),
                rc.minSupport(),
                rc.topN(),
                rc.likesCap(),
                seed,
                rc.likesBlockSize()));
  }
}
