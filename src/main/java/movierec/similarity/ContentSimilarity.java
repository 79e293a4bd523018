package movierec.similarity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content similarity between all pairs of entities from their attributes, blocked like {@link
 * CoRatingSimilarity}: entities are numbered in id order and cut into blocks, and each block pair
 * (p, q) is one task that scores every (entity in p, entity in q) and keeps the k best per entity
 * (or all above the threshold).
 *
 * <p>The score is a weighted sum of Jaccard similarities, one per attribute group, plus a decade
 * term: {@code sum_g w_g |A_g & B_g| / |A_g | B_g| + w_d closeness(decade_a, decade_b)}, where
 * closeness is 1 for the same decade, 0.5 for adjacent decades and 0 otherwise or when unknown.
 * Users have one group (their one-hot attributes), so their score is the plain Jaccard of the
 * attributes they share; movies have genres and title tokens, plus the decade. Unknown slots are
 * not attributes: two users whose gender is unknown do not match on it. An entity with no attribute
 * at all has no content neighbours.
 *
 * <p>Example: user A {F, 25, occ 4, zip 9} and B {F, 25, occ 7, zip 9} share 3 of 5 distinct
 * attributes: score 0.6.
 *
 * <p>Cost: the attributes are small (a few slots per entity), so they are broadcast instead of
 * shuffled: n entities x slots ints to each executor. Compute: n^2 / 2 scores, each linear in the
 * slots of the two entities. Memory per task: 2 x blockSize x k x 16 bytes of top-k heaps. Output:
 * at most blocks x n x k candidates before the final ranking.
 */
public final class ContentSimilarity {
  private static final Logger LOG = LoggerFactory.getLogger(ContentSimilarity.class);

  /** Classes are used when entities outnumber distinct attribute sets this many times. */
  static final int CLASS_SHARE = 4;

  private ContentSimilarity() {}

  /** An entity's attributes: sorted slot ids per group, and a decade (or null). */
  public record Item(int id, int[][] groups, Integer decade) implements Serializable {
    /** An item with no known attribute: it gets no content neighbours. */
    public boolean isEmpty() {
      for (int[] g : groups) {
        if (g.length > 0) {
          return false;
        }
      }
      return decade == null;
    }
  }

  /** Weights of the groups and of the decade term. */
  public record Weights(double[] groups, double decade) implements Serializable {}

  /**
   * Candidate neighbour lists of every item with attributes (an item with none gets no content
   * neighbours: logged). Rank with {@link Neighbors#rank}.
   */
  public static JavaRDD<NeighborList> compute(
      SparkSession spark,
      List<Item> items,
      Weights weights,
      int blockSize,
      int k,
      boolean topK,
      double threshold) {
    Item[] sorted =
        items.stream()
            .filter(i -> !i.isEmpty())
            .sorted(Comparator.comparingInt(Item::id))
            .toArray(Item[]::new);
    if (sorted.length < items.size()) {
      LOG.info(
          "{} of {} entities have no known attribute and get no content neighbours",
          items.size() - sorted.length,
          items.size());
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (topK) {
      List<ContentClasses.Group> groups = ContentClasses.of(sorted);
      // Classes pay when there are far fewer of them than entities (users, not movies).
      if ((long) groups.size() * CLASS_SHARE <= sorted.length) {
        LOG.info(
            "content similarity by classes: {} entities share {} distinct attribute sets",
            sorted.length,
            groups.size());
        return ContentClasses.compute(jsc, groups, weights, k);
      }
    }
    Broadcast<Item[]> itemsB = jsc.broadcast(sorted);
    int blocks = BlockPairs.blocks(sorted.length, blockSize);
    int pairs = BlockPairs.count(blocks);
    List<Integer> pairIds = IntStream.range(0, pairs).boxed().toList();
    return jsc.parallelize(pairIds, Math.max(1, pairs))
        .flatMap(
            pair ->
                scorePair(itemsB.value(), pair, blocks, blockSize, weights, k, topK, threshold)
                    .iterator());
  }

  static List<NeighborList> scorePair(
      Item[] items,
      int pair,
      int blocks,
      int blockSize,
      Weights w,
      int k,
      boolean topK,
      double threshold) {
    List<NeighborList> out = new ArrayList<>();
    if (items.length == 0) {
      return out;
    }
    int[] pq = BlockPairs.pair(pair, blocks);
    int p0 = pq[0] * blockSize;
    int q0 = pq[1] * blockSize;
    int pn = Math.min(blockSize, items.length - p0);
    int qn = Math.min(blockSize, items.length - q0);
    boolean diagonal = pq[0] == pq[1];
    TopK[] best = new TopK[pn + (diagonal ? 0 : qn)];
    for (int i = 0; i < best.length; i++) {
      best[i] = new TopK(topK ? k : 0);
    }
    for (int i = 0; i < pn; i++) {
      Item a = items[p0 + i];
      for (int j = diagonal ? i + 1 : 0; j < qn; j++) {
        Item b = items[q0 + j];
        double s = score(a, b, w);
        if (topK || s >= threshold) {
          best[i].offer(s, b.id(), 0);
          best[diagonal ? j : pn + j].offer(s, a.id(), 0);
        }
      }
    }
    for (int e = 0; e < best.length; e++) {
      if (best[e].size() > 0) {
        int id = items[e < pn ? p0 + e : q0 + e - pn].id();
        out.add(NeighborList.of(id, Kind.CONTENT, best[e], false));
      }
    }
    return out;
  }

  /** The content score of two items; symmetric, in [0, 1] when the weights add up to 1. */
  public static double score(Item a, Item b, Weights w) {
    double s = 0;
    for (int g = 0; g < w.groups().length; g++) {
      s += w.groups()[g] * jaccard(a.groups()[g], b.groups()[g]);
    }
    if (w.decade() > 0 && a.decade() != null && b.decade() != null) {
      int gap = Math.abs(a.decade() - b.decade());
      s += w.decade() * (gap == 0 ? 1.0 : gap == 10 ? 0.5 : 0.0);
    }
    return s;
  }

  /** |A & B| / |A | B| of two sorted slot lists; 0 when both are empty. */
  static double jaccard(int[] a, int[] b) {
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    int union = a.length + b.length - common;
    return union == 0 ? 0.0 : (double) common / union;
  }
}
