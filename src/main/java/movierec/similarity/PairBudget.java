package movierec.similarity;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import movierec.ingest.IngestSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Co-rating work counted before it is done ({@link CoRatingSimilarity}'s cost model), from one
 * aggregation of the ratings: compute is the sum over others of c^2 / 2 cell updates and shuffle
 * the sum of c x min(blocks, c) rating copies, c = the other's ratings after the heavy cap. A side
 * over either budget stops before any pair work, naming the settings that would fit, rather than
 * running for hours or filling the disk in the middle.
 */
public final class PairBudget {
  /** Shuffled bytes per rating copy, measured on ML-1M-shaped data (442 MB for 20 M copies). */
  public static final long BYTES_PER_COPY = 22;

  /** What one side would cost, and what it may. */
  public record Side(
      String name,
      String kindsKey,
      long[] activity,
      int entities,
      int blockSize,
      int heavyCap,
      int k,
      Set<Kind> kinds) {
    /** e.g. "users" for movie-movie: what a sample is taken of under the cap. */
    String others() {
      return name.startsWith("movie") ? "users" : "movies";
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(PairBudget.class);

  private PairBudget() {}

  /** Cell updates for these activity counts at {@code cap} (0 = none). */
  public static long updates(long[] activity, int cap) {
    long sum = 0;
    for (long a : activity) {
      long c = capped(a, cap);
      sum += c * (c - 1) / 2;
    }
    return sum;
  }

  /** Rating copies shuffled to block pairs with {@code blocks} blocks. */
  public static long copies(long[] activity, int cap, int blocks) {
    long sum = 0;
    for (long a : activity) {
      long c = capped(a, cap);
      sum += c * Math.min(blocks, c);
    }
    return sum;
  }

  private static long capped(long a, int cap) {
    return cap > 0 ? Math.min(a, cap) : a;
  }

  /** The largest cap whose updates fit the budget (at least 2: one pair per other). */
  public static int largestCapWithin(long[] activity, long budget) {
    long max = Arrays.stream(activity).max().orElse(0);
    int lo = 2;
    int hi = (int) Math.max(2, Math.min(Integer.MAX_VALUE, max));
    while (lo < hi) {
      int mid = lo + (hi - lo + 1) / 2;
      if (updates(activity, mid) <= budget) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Rows per value of {@code group}: the activity the budgets are counted from. */
  public static long[] activity(Dataset<Row> rows, String group) {
    List<Row> counts = rows.groupBy(group).count().collectAsList();
    long[] a = new long[counts.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = counts.get(i).getLong(1);
    }
    return a;
  }

  /**
   * Fails when the side would exceed either budget, saying what would fit; returns the updates
   * otherwise.
   */
  public static long check(Side s, long maxUpdates, long maxShuffleBytes) {
    long n = updates(s.activity(), s.heavyCap());
    if (n > maxUpdates) {
      int fit = largestCapWithin(s.activity(), maxUpdates);
      throw new IllegalArgumentException(
          String.format(
              "%s co-rating would make %,d cell updates (the sum over %,d %s of ratings^2 / 2%s),"
                  + " above similarity.max-co-rating-updates = %,d. Set similarity.heavy-cap=%d"
                  + " (%,d updates; each of the %s then counts a seeded sample of at most %d"
                  + " ratings), raise the budget if this machine can take it, or turn this side off"
                  + " with %s=[]",
              s.name(),
              n,
              s.activity().length,
              s.others(),
              s.heavyCap() > 0 ? " at heavy-cap " + s.heavyCap() : "",
              maxUpdates,
              fit,
              updates(s.activity(), fit),
              s.others(),
              fit,
              s.kindsKey()));
    }
    int blocks = BlockPairs.blocks(s.entities(), s.blockSize());
    long bytes = copies(s.activity(), s.heavyCap(), blocks) * BYTES_PER_COPY;
    if (bytes > maxShuffleBytes) {
      int size = s.blockSize();
      while (size < s.entities()
          && copies(s.activity(), s.heavyCap(), BlockPairs.blocks(s.entities(), size))
                  * BYTES_PER_COPY
              > maxShuffleBytes) {
        size *= 2;
      }
      throw new IllegalArgumentException(
          String.format(
              "%s co-rating would shuffle about %,d MB (each rating copied to the block pairs its"
                  + " %s touches, %d blocks of %d), above similarity.max-shuffle-bytes = %,d MB."
                  + " Set similarity.block-size=%d (about %,d MB of shuffle; each task then holds"
                  + " %,d MB of accumulators), a smaller similarity.heavy-cap, or turn this side"
                  + " off with %s=[]",
              s.name(),
              bytes >> 20,
              s.others().substring(0, s.others().length() - 1),
              blocks,
              s.blockSize(),
              maxShuffleBytes >> 20,
              size,
              copies(s.activity(), s.heavyCap(), BlockPairs.blocks(s.entities(), size))
                      * BYTES_PER_COPY
                  >> 20,
              CoRatingSimilarity.peakTaskBytes(size, s.k(), s.kinds()) >> 20,
              s.kindsKey()));
    }
    return n;
  }

  /** The block size of each co-rating side, as set or derived ({@link StageSizes}). */
  public record Blocks(int movie, int user) {}

  /**
   * Stops before any pair work when a co-rating side is over budget; returns each side's block size
   * (derived when similarity.block-size is unset, logged with why).
   */
  public static Blocks checkSides(SparkSession spark, Dataset<Row> ratings, SimilarityConfig s) {
    if (s.movieCoRating().isEmpty() && s.userCoRating().isEmpty()) {
      return new Blocks(CoRatingSimilarity.DERIVED, CoRatingSimilarity.DERIVED);
    }
    int cores = spark.sparkContext().defaultParallelism();
    long budget = StageSizes.updatesBudget(s.maxCoRatingUpdates(), cores);
    if (s.maxCoRatingUpdates().isEmpty()) {
      LOG.info(
          "similarity.max-co-rating-updates derived: {} ({} cores x {}; about half an hour a core"
              + " at the measured rate; similarity.max-co-rating-updates is unset)",
          String.format("%,d", budget),
          cores,
          String.format("%,d", StageSizes.UPDATES_PER_CORE));
    }
    long[] perUser = activity(ratings, IngestSchemas.USER_ID);
    long[] perMovie = activity(ratings, IngestSchemas.MOVIE_ID);
    long total = Arrays.stream(perUser).sum();
    boolean broadcast = CoRatingSimilarity.broadcasts(spark, s.plan(), total);
    int movie = CoRatingSimilarity.DERIVED;
    int user = CoRatingSimilarity.DERIVED;
    if (!s.movieCoRating().isEmpty()) {
      movie =
          side(
              s, broadcast, budget, "movie-movie", "similarity.movie-co-rating", perUser, perMovie);
    }
    if (!s.userCoRating().isEmpty()) {
      user =
          side(s, broadcast, budget, "user-user", "similarity.user-co-rating", perMovie, perUser);
    }
    return new Blocks(movie, user);
  }

  /**
   * The shuffle plan's derived block size: {@code block} doubled until the shuffle fits {@code
   * maxShuffle}, while four tasks' accumulators ({@code taskBytes} at {@code block}, four times
   * that per doubling) stay within {@code heap}. What still does not fit is {@link #check}'s to
   * refuse.
   */
  static int shuffleBlock(
      long[] activity, int n, int cap, long maxShuffle, int block, long taskBytes, long heap) {
    while (block < n
        && copies(activity, cap, BlockPairs.blocks(n, block)) * BYTES_PER_COPY > maxShuffle
        && taskBytes * 4 * 4 <= heap) {
      block *= 2;
      taskBytes *= 4;
    }
    return block;
  }

  private static int side(
      SimilarityConfig s,
      boolean broadcast,
      long budget,
      String name,
      String kindsKey,
      long[] activity,
      long[] entities) {
    List<String> kinds = name.startsWith("movie") ? s.movieCoRating() : s.userCoRating();
    Set<Kind> set = CoRatingSimilarity.Params.of(s, kinds, 1).kinds();
    int n = entities.length;
    int block = s.blockSize().orElse(StageSizes.blockFor(n));
    long maxShuffle = broadcast ? Long.MAX_VALUE : s.maxShuffleBytes();
    if (s.blockSize().isEmpty() && !broadcast) {
      block =
          shuffleBlock(
              activity,
              n,
              s.heavyCap(),
              maxShuffle,
              block,
              CoRatingSimilarity.peakTaskBytes(block, s.k(), set),
              Runtime.getRuntime().maxMemory());
    }
    Side side = new Side(name, kindsKey, activity, n, block, s.heavyCap(), s.k(), set);
    long updates = check(side, budget, maxShuffle);
    if (s.blockSize().isEmpty()) {
      LOG.info(
          "similarity.block-size derived for {} co-rating: {} ({} {} in {} block pairs; the {}"
              + " plan{}; similarity.block-size is unset)",
          name,
          block,
          String.format("%,d", n),
          name.startsWith("movie") ? "movies" : "users",
          String.format("%,d", BlockPairs.count(BlockPairs.blocks(n, block))),
          broadcast ? "broadcast" : "shuffle",
          broadcast
              ? ""
              : String.format(
                  ", about %,d MB of shuffle",
                  copies(activity, s.heavyCap(), BlockPairs.blocks(n, block)) * BYTES_PER_COPY
                      >> 20));
    }
    LOG.info(
        "{} co-rating: {} cell updates over {} {} (heavy-cap {}, budget {}), the {} plan",
        name,
        String.format("%,d", updates),
        String.format("%,d", activity.length),
        side.others(),
        s.heavyCap(),
        String.format("%,d", budget),
        broadcast ? "broadcast" : "shuffle");
    return block;
  }
}
