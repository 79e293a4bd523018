package movierec.similarity;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Every rating of a co-rating side in one read-only structure, broadcast to the tasks instead of
 * shuffled to them: the broadcast plan of {@link CoRatingSimilarity}. Ratings are grouped by entity
 * block, then by other (in id order), then by entity; a block's <i>touches</i> are the others with
 * a rating in it, each with where its ratings start. The task of a block pair merges the two
 * blocks' touches and adds every other found in both, in other order, as the shuffle plan does.
 *
 * <p>Size: 12 bytes a rating (entity index, value), 8 a touch (at most one per rating, far fewer
 * with large blocks) and 8 an other (its mean, for adjusted cosine): 300 MB for 25 M ratings.
 */
final class RatingBlocks implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int blocks;
  private final int[] blockFrom;
  private final int[] touchOther;
  private final int[] touchFrom;
  private final int[] entity;
  private final double[] value;
  private final double[] mean;

  private RatingBlocks(
      int blocks,
      int[] blockFrom,
      int[] touchOther,
      int[] touchFrom,
      int[] entity,
      double[] value,
      double[] mean) {
    this.blocks = blocks;
    this.blockFrom = blockFrom;
    this.touchOther = touchOther;
    this.touchFrom = touchFrom;
    this.entity = entity;
    this.value = value;
    this.mean = mean;
  }

  /** Bytes the structure takes for this many ratings and others (touches at most one a rating). */
  static long bytes(long ratings, long others) {
    return ratings * 20 + others * 8;
  }

  /**
   * Builds it from rows (other, [(entity, value)], mean) in ascending other order, {@code ratings}
   * in all; {@code ids} are the entity ids in id order (an entity's index is its position).
   */
  static RatingBlocks build(Iterator<Row> byOther, long ratings, int[] ids, int blockSize) {
    int blocks = BlockPairs.blocks(ids.length, blockSize);
    int size = Math.toIntExact(ratings);
    int[] otherFrom = new int[1025];
    int[] idx = new int[size];
    double[] val = new double[size];
    double[] mean = new double[1024];
    int at = 0;
    int o = 0;
    long[] keys = new long[0];
    while (byOther.hasNext()) {
      Row r = byOther.next();
      List<Row> list = r.getList(1);
      int m = list.size();
      if (keys.length < m) {
        keys = new long[Math.max(m, keys.length * 2)];
      }
      for (int i = 0; i < m; i++) {
        Row e = list.get(i);
        int index = Arrays.binarySearch(ids, e.getInt(0));
        // index in the high bits, position in the low: sorting the keys sorts by entity index
        keys[i] = ((long) index << 32) | i;
      }
      Arrays.sort(keys, 0, m);
      for (int i = 0; i < m; i++) {
        idx[at + i] = (int) (keys[i] >>> 32);
        val[at + i] = list.get((int) keys[i]).getDouble(1);
      }
      if (o == mean.length) {
        mean = Arrays.copyOf(mean, o * 2);
        otherFrom = Arrays.copyOf(otherFrom, o * 2 + 1);
      }
      mean[o] = r.getDouble(2);
      at += m;
      otherFrom[++o] = at;
    }
    if (at != size) {
      throw new IllegalStateException("ratings changed while read: " + at + " of " + size);
    }
    int others = o;
    mean = Arrays.copyOf(mean, others);
    // Regroup by block: count each block's touches and ratings, then place them.
    int[] touches = new int[blocks + 1];
    int[] perBlock = new int[blocks + 1];
    for (int u = 0; u < others; u++) {
      int last = -1;
      for (int i = otherFrom[u]; i < otherFrom[u + 1]; i++) {
        int b = idx[i] / blockSize;
        perBlock[b + 1]++;
        if (b != last) {
          touches[b + 1]++;
          last = b;
        }
      }
    }
    for (int b = 0; b < blocks; b++) {
      touches[b + 1] += touches[b];
      perBlock[b + 1] += perBlock[b];
    }
    int[] touchOther = new int[touches[blocks]];
    int[] touchFrom = new int[touches[blocks] + 1];
    int[] entity = new int[size];
    double[] value = new double[size];
    int[] nextTouch = Arrays.copyOf(touches, blocks);
    int[] nextRating = Arrays.copyOf(perBlock, blocks);
    for (int u = 0; u < others; u++) {
      int last = -1;
      for (int i = otherFrom[u]; i < otherFrom[u + 1]; i++) {
        int b = idx[i] / blockSize;
        if (b != last) {
          int t = nextTouch[b]++;
          touchOther[t] = u;
          touchFrom[t] = nextRating[b];
          last = b;
        }
        int j = nextRating[b]++;
        entity[j] = idx[i];
        value[j] = val[i];
      }
    }
    touchFrom[touches[blocks]] = size;
    return new RatingBlocks(blocks, touches, touchOther, touchFrom, entity, value, mean);
  }

  int blocks() {
    return blocks;
  }

  /** Where touch t's ratings end: where the next touch's start (blocks are laid out in order). */
  private int end(int t) {
    return touchFrom[t + 1];
  }

  /** Adds every other that rated in both of the task's blocks to it, in other order. */
  void feed(PairTask task, int blockSize) {
    int p = task.leftStart() / blockSize;
    int q = task.rightStart() / blockSize;
    int longest = 0;
    for (int t = blockFrom[p]; t < blockFrom[p + 1]; t++) {
      longest = Math.max(longest, end(t) - touchFrom[t]);
    }
    for (int t = blockFrom[q]; t < blockFrom[q + 1]; t++) {
      longest = Math.max(longest, end(t) - touchFrom[t]);
    }
    Slice a = new Slice(longest);
    Slice b = task.diagonal() ? a : new Slice(longest);
    int i = blockFrom[p];
    int j = blockFrom[q];
    int iEnd = blockFrom[p + 1];
    int jEnd = blockFrom[q + 1];
    while (i < iEnd && j < jEnd) {
      int u = touchOther[i];
      int v = touchOther[j];
      if (u < v) {
        i++;
      } else if (v < u) {
        j++;
      } else {
        int an = a.fill(i, u);
        int bn = task.diagonal() ? an : b.fill(j, u);
        if (!task.diagonal() || an > 1) {
          task.add(a.idx, a.val, a.adj, an, b.idx, b.val, b.adj, bn);
        }
        i++;
        j++;
      }
    }
  }

  /** One touch's ratings copied out, with the other's mean taken off for adjusted cosine. */
  private final class Slice {
    final int[] idx;
    final double[] val;
    final double[] adj;

    Slice(int capacity) {
      idx = new int[capacity];
      val = new double[capacity];
      adj = new double[capacity];
    }

    int fill(int touch, int other) {
      int from = touchFrom[touch];
      int len = end(touch) - from;
      System.arraycopy(entity, from, idx, 0, len);
      System.arraycopy(value, from, val, 0, len);
      double m = mean[other];
      for (int x = 0; x < len; x++) {
        adj[x] = val[x] - m;
      }
      return len;
    }
  }
}
