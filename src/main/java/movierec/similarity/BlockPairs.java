package movierec.similarity;

import org.apache.spark.Partitioner;

/**
 * Numbering of the unordered pairs of blocks (p, q), p &lt;= q &lt; blocks, and a partitioner that
 * gives each pair its own partition (its own task). With 3 blocks the pairs are numbered (0,0)=0,
 * (0,1)=1, (0,2)=2, (1,1)=3, (1,2)=4, (2,2)=5.
 */
final class BlockPairs {
  private BlockPairs() {}

  static int blocks(int entities, int blockSize) {
    return Math.max(1, (entities + blockSize - 1) / blockSize);
  }

  static int count(int blocks) {
    return blocks * (blocks + 1) / 2;
  }

  static int index(int p, int q, int blocks) {
    return p * blocks - p * (p - 1) / 2 + (q - p);
  }

  /** {p, q} of a pair index. */
  static int[] pair(int index, int blocks) {
    int p = 0;
    int rest = index;
    while (rest >= blocks - p) {
      rest -= blocks - p;
      p++;
    }
    return new int[] {p, p + rest};
  }

  /** Keys are longs whose high 32 bits are the pair index. */
  static final class PairPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int pairs;

    PairPartitioner(int pairs) {
      this.pairs = pairs;
    }

    @Override
    public int numPartitions() {
      return pairs;
    }

    @Override
    public int getPartition(Object key) {
      return (int) (((Long) key) >>> 32);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PairPartitioner other && other.pairs == pairs;
    }

    @Override
    public int hashCode() {
      return pairs;
    }
  }
}
