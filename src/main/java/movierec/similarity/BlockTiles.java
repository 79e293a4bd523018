package movierec.similarity;

/**
 * How the broadcast plan groups block pairs into tasks: one pair a task while the partial lists
 * they emit stay small, tiles of pairs (merged in the task) once they would not.
 */
final class BlockTiles {
  private BlockTiles() {}

  /**
   * The broadcast plan's partial lists are kept under this many bytes. Each block pair emits up to
   * k candidates per entity on each side and kind, so the lists to merge grow with blocks x
   * entities: at the 25M shape's user-user side in pairs of 1,024, 42 GB of shuffle (measured),
   * against 170 MB for ML-1M's in pairs of 512.
   */
  static final long PARTIAL_LIST_BYTES = 2L << 30;

  /**
   * Blocks per side of a tile: one block pair a task (1) while the partial lists fit {@link
   * #PARTIAL_LIST_BYTES}; past it, enough that a task's merged lists bring them under it, but never
   * so large that there are fewer than {@link #TASKS_PER_CORE} tasks a core (a cluster's cores
   * would idle: more of them shuffle more partial lists, each a smaller share).
   */
  static int tileFor(int blocks, long partialBytes, int cores) {
    long tile = (partialBytes + PARTIAL_LIST_BYTES - 1) / PARTIAL_LIST_BYTES;
    int t = (int) Math.max(1, Math.min(blocks, tile));
    while (t > 1 && tilePairs(blocks, t) < TASKS_PER_CORE * (long) Math.max(1, cores)) {
      t--;
    }
    return t;
  }

  /** Tasks the tile plan runs in the fewest: a tile of every tile pair, the diagonal included. */
  static final int TASKS_PER_CORE = 4;

  /** Tile pairs (tasks) over {@code blocks} blocks in tiles of {@code tile}. */
  static long tilePairs(int blocks, int tile) {
    long c = (blocks + tile - 1) / tile;
    return c * (c + 1) / 2;
  }

  /** The partial lists' bytes of the pair plan: blocks x entities x kinds x k x 16. */
  static long partialListBytes(int blocks, int entities, CoRatingSimilarity.Params params) {
    long k = params.topK() ? params.k() : 50;
    return (long) blocks * entities * params.kinds().size() * k * 16;
  }
}
