package movierec.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import movierec.SparkTestSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Property tests: on small random rating sets, every score of the blocked computation equals the
 * brute-force reference within 1e-9, for every kind, block size (1, smaller and larger than the
 * data) and partition count; and the top-k lists are the reference's.
 */
class CoRatingSimilarityTest {
  private static final StructType INPUT =
      new StructType()
          .add(CoRatingSimilarity.ENTITY, DataTypes.IntegerType)
          .add(CoRatingSimilarity.OTHER, DataTypes.IntegerType)
          .add(CoRatingSimilarity.VALUE, DataTypes.DoubleType);
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.spark();
  }

  /** Sparse random ratings; some entities rate alike so Pearson has zero-variance pairs too. */
  static double[][] randomRatings(long seed, int entities, int others, double density) {
    Random rnd = new Random(seed);
    List<double[]> out = new ArrayList<>();
    for (int e = 0; e < entities; e++) {
      boolean constant = rnd.nextInt(6) == 0;
      for (int o = 0; o < others; o++) {
        if (rnd.nextDouble() < density) {
          double v = constant ? 3 : 1 + rnd.nextInt(10) * 0.5;
          // sparse, non-contiguous ids so the id -> index mapping is exercised
          out.add(new double[] {e * 7 + 3, o * 5 + 1, Math.min(5, v)});
        }
      }
    }
    return out.toArray(double[][]::new);
  }

  private static Dataset<Row> df(double[][] ratings, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (double[] r : ratings) {
      rows.add(RowFactory.create((int) r[0], (int) r[1], r[2]));
    }
    return spark.createDataFrame(rows, INPUT).repartition(partitions);
  }

  private static CoRatingSimilarity.Params params(
      int block, boolean topK, int k, int minSupport, double shrinkage) {
    return new CoRatingSimilarity.Params(
        block,
        k,
        topK,
        -2.0,
        minSupport,
        shrinkage,
        0,
        1L,
        EnumSet.of(Kind.COSINE, Kind.PEARSON, Kind.ADJUSTED_COSINE));
  }

  @ParameterizedTest(
      name = "seed {0}, block {1}, partitions {2}, min-support {3}, shrink {4}, plan {5}")
  @CsvSource({
    "1, 1, 1, 1, 0, SHUFFLE",
    "1, 1, 1, 1, 0, BROADCAST",
    "2, 3, 3, 1, 0, SHUFFLE",
    "2, 3, 3, 1, 0, BROADCAST",
    "3, 7, 2, 2, 5, SHUFFLE",
    "3, 7, 2, 2, 5, BROADCAST",
    "4, 1000, 4, 1, 0, SHUFFLE",
    "4, 1000, 4, 1, 0, BROADCAST",
    "5, 4, 1, 3, 2.5, AUTO"
  })
  void everyScoreEqualsBruteForce(
      long seed,
      int block,
      int partitions,
      int minSupport,
      double lambda,
      CoRatingSimilarity.Plan plan) {
    spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(partitions));
    double[][] ratings = randomRatings(seed, 23, 17, 0.45);
    List<BruteForce.Score> expected = BruteForce.coRating(ratings, minSupport, lambda);
    List<Row> got =
        Neighbors.rank(
                spark,
                CoRatingSimilarity.compute(
                    spark,
                    df(ratings, partitions),
                    params(block, false, 0, minSupport, lambda),
                    null,
                    plan),
                0)
            .collectAsList();
    Map<String, Row> byKey = new HashMap<>();
    for (Row r : got) {
      String key = r.getInt(0) + "/" + r.getInt(1) + "/" + r.getString(2);
      assertTrue(byKey.put(key, r) == null, "duplicate " + key);
      assertTrue(Double.isFinite(r.getDouble(3)), key);
    }
    assertEquals(expected.size(), got.size(), "number of scored pairs");
    for (BruteForce.Score s : expected) {
      Row r = byKey.get(s.id() + "/" + s.neighbor() + "/" + s.kind());
      assertNotNull(r, "missing " + s);
      assertEquals(s.score(), r.getDouble(3), 1e-9, "score of " + s);
      assertEquals(s.co().intValue(), r.getInt(4), "co_count of " + s);
    }
    spark.conf().set("spark.sql.shuffle.partitions", "4");
  }

  /**
   * Top-k lists are a correct top-k of the reference: the same k best scores, position by position,
   * and every listed neighbour has that score in the reference. (Which of several neighbours with
   * mathematically equal scores is listed can differ in the last bit of rounding; exact ties go to
   * the lower id, see TopKTest.)
   */
  @ParameterizedTest(name = "block {0}")
  @CsvSource({"1", "5", "50"})
  void topKIsACorrectTopKOfTheReference(int block) {
    double[][] ratings = randomRatings(11, 30, 12, 0.5);
    int k = 4;
    List<BruteForce.Score> all = BruteForce.coRating(ratings, 1, 0);
    Map<String, Double> reference = new HashMap<>();
    Map<String, List<Double>> bestScores = new TreeMap<>();
    for (BruteForce.Score s : all) {
      reference.put(s.id() + ">" + s.neighbor() + "/" + s.kind(), s.score());
      bestScores.computeIfAbsent(s.id() + "/" + s.kind(), x -> new ArrayList<>()).add(s.score());
    }
    bestScores.replaceAll(
        (key, l) -> l.stream().sorted(java.util.Comparator.reverseOrder()).limit(k).toList());
    Dataset<Row> ranked =
        Neighbors.rank(
            spark,
            CoRatingSimilarity.compute(spark, df(ratings, 3), params(block, true, k, 1, 0), null),
            k);
    Map<String, List<Double>> gotScores = new TreeMap<>();
    for (Row r : ranked.orderBy("id", "kind", "rank").collectAsList()) {
      String key = r.getInt(0) + "/" + r.getString(2);
      gotScores.computeIfAbsent(key, x -> new ArrayList<>()).add(r.getDouble(3));
      Double ref = reference.get(r.getInt(0) + ">" + r.getInt(1) + "/" + r.getString(2));
      assertNotNull(ref, "not a pair of the reference: " + r);
      assertEquals(ref, r.getDouble(3), 1e-9, "score of " + r);
    }
    assertEquals(bestScores.keySet(), gotScores.keySet());
    bestScores.forEach(
        (key, expected) -> {
          List<Double> got = gotScores.get(key);
          assertEquals(expected.size(), got.size(), key);
          for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), got.get(i), 1e-9, key + " rank " + (i + 1));
          }
        });
  }

  @org.junit.jupiter.api.Test
  void sameInputSameOutputWhateverTheInputPartitioning() {
    double[][] ratings = randomRatings(21, 40, 25, 0.4);
    CoRatingSimilarity.Params p = params(7, true, 5, 2, 3.0);
    List<Row> one =
        Neighbors.rank(spark, CoRatingSimilarity.compute(spark, df(ratings, 1), p, null), 5)
            .orderBy("kind", "id", "rank")
            .collectAsList();
    List<Row> four =
        Neighbors.rank(spark, CoRatingSimilarity.compute(spark, df(ratings, 4), p, null), 5)
            .orderBy("kind", "id", "rank")
            .collectAsList();
    assertFalse(one.isEmpty());
    assertEquals(one, four, "scores must be bit-identical, not just close");
  }

  /**
   * The plans add every cell's sums in the same order (others by id), so their lists are the same
   * to the bit, the support lists (also_liked's) included, whatever the broadcast plan's tiles
   * (block pairs merged in one task).
   */
  @ParameterizedTest(name = "block {0}, support lists {1}")
  @CsvSource({"1, false", "6, false", "64, false", "5, true"})
  void broadcastAndShufflePlansGiveTheSameLists(int block, boolean support) {
    double[][] ratings = randomRatings(31, 45, 30, 0.35);
    if (support) {
      for (double[] r : ratings) {
        r[2] = 1.0;
      }
    }
    CoRatingSimilarity.Params p =
        support ? CoRatingSimilarity.Params.support(block, 5, 2) : params(block, true, 5, 2, 3.0);
    List<List<Row>> lists = new ArrayList<>();
    // the shuffle plan; the broadcast plan a pair a task, in tiles of 2 x 2 and 3 x 3 pairs,
    // and all pairs in one task
    CoRatingSimilarity.Plan[] plans = {
      CoRatingSimilarity.Plan.SHUFFLE,
      CoRatingSimilarity.Plan.BROADCAST,
      CoRatingSimilarity.Plan.BROADCAST,
      CoRatingSimilarity.Plan.BROADCAST,
      CoRatingSimilarity.Plan.BROADCAST
    };
    int[] tiles = {0, 1, 2, 3, Integer.MAX_VALUE};
    for (int i = 0; i < plans.length; i++) {
      lists.add(
          Neighbors.rank(
                  spark,
                  CoRatingSimilarity.compute(spark, df(ratings, 3), p, null, plans[i], tiles[i]),
                  5)
              .orderBy("kind", "id", "rank")
              .collectAsList());
    }
    assertFalse(lists.get(0).isEmpty());
    for (int i = 1; i < plans.length; i++) {
      assertEquals(lists.get(0), lists.get(i), "broadcast in tiles of " + tiles[i]);
    }
  }

  @ParameterizedTest(name = "cap {0}")
  @CsvSource({"3", "100"})
  void heavyCapKeepsAtMostCapRatingsPerOtherAndIsDeterministic(int cap) {
    double[][] ratings = randomRatings(5, 20, 10, 0.6);
    CoRatingSimilarity.Params p =
        new CoRatingSimilarity.Params(4, 5, true, 0, 1, 0, cap, 9L, EnumSet.of(Kind.COSINE));
    List<Row> a =
        Neighbors.rank(spark, CoRatingSimilarity.compute(spark, df(ratings, 2), p, null), 5)
            .orderBy("id", "rank")
            .collectAsList();
    List<Row> b =
        Neighbors.rank(spark, CoRatingSimilarity.compute(spark, df(ratings, 3), p, null), 5)
            .orderBy("id", "rank")
            .collectAsList();
    assertEquals(a, b, "same seed, same output, whatever the partitioning");
    // Each of the 10 others keeps at most `cap` of its ratings, so it co-rates at most
    // cap (cap - 1) ordered pairs: the listed pairs' co-counts can add up to no more. Uncapped,
    // an other rates about 12 of the 20 entities (132 ordered pairs each).
    long coCounts = a.stream().mapToLong(r -> r.getInt(4)).sum();
    if (cap < 10) {
      assertTrue(coCounts <= 10L * cap * (cap - 1), "co-counts " + coCounts + " over the cap");
    }
    if (cap >= 10) {
      List<BruteForce.Score> exact = BruteForce.coRating(ratings, 1, 0);
      Set<String> exactTop = new HashSet<>();
      BruteForce.topK(exact.stream().filter(s -> s.kind().equals("cosine")).toList(), 5)
          .forEach((key, l) -> l.forEach(n -> exactTop.add(key.split("/")[0] + ">" + n)));
      Set<String> got = new HashSet<>();
      a.forEach(r -> got.add(r.getInt(0) + ">" + r.getInt(1)));
      assertEquals(exactTop, got, "a cap above every activity changes nothing");
    } else {
      assertFalse(a.isEmpty());
    }
  }
}
