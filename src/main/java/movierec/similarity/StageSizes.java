package movierec.similarity;

import java.util.Optional;

/**
 * What the similarity stage's size settings are when left unset (null): derived from counts the
 * stage takes anyway, so that the same defaults serve ML-100K and ML-32M.
 *
 * <p><b>Block size.</b> Every block pair is a task, and a task has a fixed cost (scheduling, its
 * accumulators' allocation) on top of its work, so blocks grow with the entities: the smallest
 * power of two from 512 that makes at most {@link #MAX_PAIRS} pairs. ML-1M's 6,040 users make 78
 * pairs of 512; ML-25M's 162,000 users make 12,720 pairs of 1,024. On the broadcast plan nothing
 * else depends on it (512 and 4,096 ran within 10% of each other on ML-1M's user-user side, the
 * smaller a little faster: its accumulators stay in cache); the shuffle plan doubles it further
 * until its shuffle fits {@code similarity.max-shuffle-bytes} ({@link PairBudget}).
 *
 * <p><b>Compute budget.</b> {@link #UPDATES_PER_CORE} cell updates a core: about half an hour of
 * the rate measured with all three kinds on ML-1M's user-user side (2.5e7 updates a second a core,
 * {@code bench-similarity --side user --kinds cosine,pearson,adjusted_cosine}). ML-25M's user-user
 * side, 3.9e10 updates, fits two cores' budget.
 */
public final class StageSizes {
  public static final int MIN_BLOCK = 512;
  public static final int MAX_PAIRS = 20_000;
  public static final long UPDATES_PER_CORE = 45_000_000_000L;

  private StageSizes() {}

  /** The derived block size for {@code entities} entities. */
  public static int blockFor(int entities) {
    int size = MIN_BLOCK;
    while (size < entities && BlockPairs.count(BlockPairs.blocks(entities, size)) > MAX_PAIRS) {
      size *= 2;
    }
    return size;
  }

  /** similarity.max-co-rating-updates, or when unset {@link #UPDATES_PER_CORE} x cores. */
  public static long updatesBudget(Optional<Long> configured, int cores) {
    return configured.orElse(UPDATES_PER_CORE * Math.max(1, cores));
  }
}
