package movierec.similarity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Content top-k by classes: entities with the same attributes (and decade) score the same against
 * everyone, so each distinct attribute set is scored once against every other, and a member's list
 * is read off its class's. Exact: the same lists as {@link ContentSimilarity}'s block pairs (score
 * descending, ties to the lower id). Users have few distinct sets (gender, age, occupation, zip
 * region: 162,000 users of the 25M shape share a few thousand), so n^2 / 2 scores become classes^2
 * plus k per member; movies, whose titles differ, keep the block pairs.
 *
 * <p>For a class c, the other classes are sorted by score; walking them best first, each score
 * level contributes its classes' lowest ids, until k + 1 candidates are in (k + 1: a member is its
 * own class's candidate and is dropped from its own list).
 */
final class ContentClasses {
  private ContentClasses() {}

  /** One distinct attribute set and its members' ids, ascending. */
  record Group(ContentSimilarity.Item representative, int[] members) implements Serializable {}

  /** The classes of {@code sorted} (items in id order), in order of their first member. */
  static List<Group> of(ContentSimilarity.Item[] sorted) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    Map<String, ContentSimilarity.Item> first = new LinkedHashMap<>();
    for (ContentSimilarity.Item item : sorted) {
      String key = Arrays.deepToString(item.groups()) + "/" + item.decade();
      byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(item.id());
      first.putIfAbsent(key, item);
    }
    List<Group> out = new ArrayList<>(byKey.size());
    byKey.forEach(
        (key, ids) ->
            out.add(new Group(first.get(key), ids.stream().mapToInt(Integer::intValue).toArray())));
    return out;
  }

  /** Every member's k best content neighbours, one task per range of classes. */
  static JavaRDD<NeighborList> compute(
      JavaSparkContext jsc, List<Group> groups, ContentSimilarity.Weights weights, int k) {
    Broadcast<Group[]> all = jsc.broadcast(groups.toArray(Group[]::new));
    int tasks = Math.max(1, Math.min(groups.size(), 4 * jsc.defaultParallelism()));
    List<Integer> ids = IntStream.range(0, groups.size()).boxed().toList();
    return jsc.parallelize(ids, tasks).flatMap(c -> lists(all.value(), c, weights, k).iterator());
  }

  /** The lists of class {@code c}'s members. */
  static List<NeighborList> lists(Group[] groups, int c, ContentSimilarity.Weights w, int k) {
    Group self = groups[c];
    double[] score = new double[groups.length];
    Integer[] order = new Integer[groups.length];
    for (int d = 0; d < groups.length; d++) {
      score[d] = ContentSimilarity.score(self.representative(), groups[d].representative(), w);
      order[d] = d;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer d) -> -score[d]));
    int want = k + 1;
    List<double[]> candidates = new ArrayList<>(want);
    int i = 0;
    while (i < order.length && candidates.size() < want) {
      double level = score[order[i]];
      List<Integer> ids = new ArrayList<>();
      while (i < order.length && score[order[i]] == level) {
        int[] m = groups[order[i]].members();
        for (int x = 0; x < Math.min(want, m.length); x++) {
          ids.add(m[x]);
        }
        i++;
      }
      ids.sort(null);
      for (int x = 0; x < ids.size() && candidates.size() < want; x++) {
        candidates.add(new double[] {level, ids.get(x)});
      }
    }
    List<NeighborList> out = new ArrayList<>(self.members().length);
    for (int member : self.members()) {
      TopK top = new TopK(k);
      for (double[] cand : candidates) {
        if ((int) cand[1] != member) {
          top.offer(cand[0], (int) cand[1], 0);
        }
      }
      if (top.size() > 0) {
        out.add(NeighborList.of(member, Kind.CONTENT, top, false));
      }
    }
    return out;
  }
}
