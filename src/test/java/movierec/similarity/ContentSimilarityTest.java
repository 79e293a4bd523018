package movierec.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import movierec.SparkTestSupport;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentSimilarityTest {
  private static final ContentSimilarity.Weights MOVIE =
      new ContentSimilarity.Weights(new double[] {0.6, 0.2}, 0.2);
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.spark();
  }

  private static int[] randomSet(Random rnd, int universe, int max) {
    TreeSet<Integer> s = new TreeSet<>();
    int n = rnd.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      s.add(rnd.nextInt(universe));
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<ContentSimilarity.Item> items(long seed, int n) {
    Random rnd = new Random(seed);
    List<ContentSimilarity.Item> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Integer decade = rnd.nextInt(4) == 0 ? null : 1950 + 10 * rnd.nextInt(5);
      out.add(
          new ContentSimilarity.Item(
              100 + 3 * i, new int[][] {randomSet(rnd, 6, 3), randomSet(rnd, 12, 4)}, decade));
    }
    return out;
  }

  @Test
  void scoreIsTheWeightedJaccardPlusDecade() {
    ContentSimilarity.Item a = new ContentSimilarity.Item(1, new int[][] {{1, 2}, {7, 8, 9}}, 1990);
    ContentSimilarity.Item b = new ContentSimilarity.Item(2, new int[][] {{2}, {9}}, 1980);
    // genres 1/2, titles 1/3, decades adjacent
    assertEquals(0.6 * 0.5 + 0.2 / 3 + 0.2 * 0.5, ContentSimilarity.score(a, b, MOVIE), 1e-12);
    ContentSimilarity.Item userA =
        new ContentSimilarity.Item(1, new int[][] {{1, 4, 20, 40}}, null);
    ContentSimilarity.Item userB =
        new ContentSimilarity.Item(2, new int[][] {{1, 4, 23, 40}}, null);
    assertEquals(
        0.6,
        ContentSimilarity.score(userA, userB, new ContentSimilarity.Weights(new double[] {1}, 0)),
        1e-12);
  }

  @ParameterizedTest(name = "block {0}")
  @CsvSource({"1", "4", "9", "500"})
  void blockedEqualsBruteForceInBothModes(int block) {
    List<ContentSimilarity.Item> items = items(block, 25);
    Map<String, Double> all = new HashMap<>();
    for (ContentSimilarity.Item a : items) {
      for (ContentSimilarity.Item b : items) {
        if (a.id() != b.id() && !a.isEmpty() && !b.isEmpty()) {
          all.put(a.id() + ">" + b.id(), ContentSimilarity.score(a, b, MOVIE));
        }
      }
    }
    List<Row> threshold =
        Neighbors.rank(
                spark, ContentSimilarity.compute(spark, items, MOVIE, block, 0, false, 0.3), 0)
            .collectAsList();
    Map<String, Double> got = new HashMap<>();
    threshold.forEach(r -> got.put(r.getInt(0) + ">" + r.getInt(1), r.getDouble(3)));
    Map<String, Double> expected = new HashMap<>();
    all.forEach(
        (key, s) -> {
          if (s >= 0.3) {
            expected.put(key, s);
          }
        });
    assertEquals(expected.keySet(), got.keySet());
    expected.forEach((key, s) -> assertEquals(s, got.get(key), 1e-12, key));

    int k = 3;
    Map<Integer, List<Integer>> top = new TreeMap<>();
    for (Row r :
        Neighbors.rank(spark, ContentSimilarity.compute(spark, items, MOVIE, block, k, true, 0), k)
            .orderBy("id", "rank")
            .collectAsList()) {
      top.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r.getInt(1));
      assertTrue(r.isNullAt(4), "content rows have no co_count");
    }
    Map<Integer, List<Integer>> bruteTop = new TreeMap<>();
    for (ContentSimilarity.Item a : items) {
      if (a.isEmpty()) {
        continue;
      }
      List<ContentSimilarity.Item> others =
          new ArrayList<>(items.stream().filter(b -> b.id() != a.id() && !b.isEmpty()).toList());
      others.sort(
          (x, y) -> {
            int c =
                Double.compare(
                    ContentSimilarity.score(a, y, MOVIE), ContentSimilarity.score(a, x, MOVIE));
            return c != 0 ? c : Integer.compare(x.id(), y.id());
          });
      bruteTop.put(a.id(), others.stream().limit(k).map(ContentSimilarity.Item::id).toList());
    }
    assertEquals(bruteTop, top);
  }

  /**
   * Entities sharing few attribute sets (users) are scored by class: the lists are the brute
   * force's (score descending, ties to the lower id), for k below and above the class sizes.
   */
  @ParameterizedTest(name = "k {0}")
  @CsvSource({"1", "5", "40"})
  void classesGiveTheBruteForceTopK(int k) {
    Random rnd = new Random(k);
    int[][][] sets = new int[12][][];
    for (int c = 0; c < sets.length; c++) {
      sets[c] = new int[][] {randomSet(rnd, 8, 4)};
    }
    List<ContentSimilarity.Item> items = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      items.add(new ContentSimilarity.Item(7 + 5 * i, sets[rnd.nextInt(sets.length)], null));
    }
    ContentSimilarity.Weights w = new ContentSimilarity.Weights(new double[] {1}, 0);
    ContentSimilarity.Item[] sorted =
        items.stream().filter(i -> !i.isEmpty()).toArray(ContentSimilarity.Item[]::new);
    assertTrue(
        ContentClasses.of(sorted).size() * ContentSimilarity.CLASS_SHARE <= sorted.length,
        "the test must take the class path");
    Map<Integer, List<Integer>> got = new TreeMap<>();
    Map<Integer, List<Double>> gotScores = new TreeMap<>();
    for (Row r :
        Neighbors.rank(spark, ContentSimilarity.compute(spark, items, w, 16, k, true, 0), k)
            .orderBy("id", "rank")
            .collectAsList()) {
      got.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r.getInt(1));
      gotScores.computeIfAbsent(r.getInt(0), x -> new ArrayList<>()).add(r.getDouble(3));
    }
    Map<Integer, List<Integer>> brute = new TreeMap<>();
    Map<Integer, List<Double>> bruteScores = new TreeMap<>();
    for (ContentSimilarity.Item a : sorted) {
      List<ContentSimilarity.Item> others =
          new ArrayList<>(Arrays.stream(sorted).filter(b -> b.id() != a.id()).toList());
      others.sort(
          (x, y) -> {
            int c =
                Double.compare(ContentSimilarity.score(a, y, w), ContentSimilarity.score(a, x, w));
            return c != 0 ? c : Integer.compare(x.id(), y.id());
          });
      List<ContentSimilarity.Item> best = others.stream().limit(k).toList();
      brute.put(a.id(), best.stream().map(ContentSimilarity.Item::id).toList());
      bruteScores.put(a.id(), best.stream().map(b -> ContentSimilarity.score(a, b, w)).toList());
    }
    assertEquals(brute, got);
    assertEquals(bruteScores, gotScores);
  }
}
