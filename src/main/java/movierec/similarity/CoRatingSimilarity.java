package movierec.similarity;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import movierec.ingest.IngestSchemas;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Co-rating similarities (cosine, Pearson, adjusted cosine) between all pairs of entities, computed
 * with blocked joins: no row per co-rated pair or per entity pair is ever materialised.
 *
 * <p><b>Terms.</b> An <i>entity</i> is what is compared (a movie for movie-movie), an <i>other</i>
 * is what the comparison runs over (a user for movie-movie). Entities are numbered 0..n-1 in id
 * order and cut into blocks of {@code blockSize}; a <i>block pair</i> (p, q), p &lt;= q, is one
 * task.
 *
 * <p><b>Algorithm.</b> (1) Group the ratings by other. (2) For each other, split its rated entities
 * by block, and for every block pair (p, q) in which it rated something on both sides, send one
 * record holding its ratings in p and in q to that pair's partition, sorted by other id (so sums
 * are added in the same order for any partitioning: same input, same output). (3) The task of (p,
 * q) allocates dense accumulators of |p| x |q| cells and, for each record, adds every (entity in p,
 * entity in q) combination: co-count n, sum of products, and for Pearson and adjusted cosine their
 * sums. (4) It turns each cell with n &gt;= min-support into scores and keeps the k best per entity
 * and kind ({@link TopK}), or every score above the threshold. (5) The candidates of all pairs are
 * ranked per entity ({@link Neighbors#rank}).
 *
 * <p><b>Plans.</b> Steps (1) and (2) are the shuffle plan. The broadcast plan, chosen whenever the
 * ratings fit ({@link #broadcasts}), sends every rating once to each executor instead ({@link
 * RatingBlocks}) and the task of (p, q) reads the others of both blocks from it, in the same order;
 * past {@link #BlockTiles.PARTIAL_LIST_BYTES} of candidate lists a task takes a tile of pairs and
 * merges their lists before they are shuffled ({@link #tileFor}).
 *
 * <p><b>Worked example.</b> Movies 10, 20, 30, block size 2: blocks {10, 20} and {30}; pairs (0,0),
 * (0,1), (1,1). User u rated 10 (4 stars) and 30 (5 stars): it sends {10:4 | 30:5} to pair (0,1)
 * only (nothing to (0,0), where it rated one movie, nor (1,1)). The task of (0,1) adds n=1, dot=20
 * to cell (10, 30). Cosine(10, 30) = dot / (|r_10| |r_30|), with the full rating norms computed
 * beforehand.
 *
 * <p><b>Cost.</b> Compute: sum over others of a_u^2 / 2 cell updates (a_u = ratings of other u),
 * the inherent cost of co-rating; the heavy-activity cap bounds a_u. Shuffle: each rating travels
 * once to each pair its other touches: at most blocks x ratings records (blocks = n / blockSize),
 * fewer for others whose ratings fall in few blocks. Peak memory per task ({@link #peakTaskBytes}):
 * blockSize^2 x (4 + 8 x A) bytes of accumulators, A = 1 (cosine) + 4 (Pearson) + 3 (adjusted
 * cosine) for the kinds enabled, plus, per kind, 2 x blockSize x k x 16 bytes of top-k heaps and as
 * many emitted candidate rows (about 120 bytes each); records stream through. At the default 512
 * with all kinds: 17.8 MB of accumulators + 2.5 MB of heaps + 18.4 MB of candidates = 39 MB; cosine
 * alone: 10 MB. Support lists ({@link Params#support}) keep only the co-counts: blockSize^2 x 4
 * bytes of accumulators.
 */
public final class CoRatingSimilarity {
  private static final Logger LOG = LoggerFactory.getLogger(CoRatingSimilarity.class);

  /** The documented peak memory of one block-pair task, in bytes (see the class comment). */
  public static long peakTaskBytes(int blockSize, int k, Set<Kind> kinds) {
    long cells = (long) blockSize * blockSize;
    int accumulators =
        1 + (kinds.contains(Kind.PEARSON) ? 4 : 0) + (kinds.contains(Kind.ADJUSTED_COSINE) ? 3 : 0);
    return cells * (4 + 8L * accumulators) + kinds.size() * 2L * blockSize * k * (16 + 120);
  }

  /** The columns {@link #compute} reads. */
  public static final String ENTITY = "entity";

  public static final String OTHER = "other";
  public static final String VALUE = "value";

  private static final String ADJ = "adjusted";

  private CoRatingSimilarity() {}

  /** A {@link Params#blockSize} that says: derive it from the number of entities. */
  public static final int DERIVED = 0;

  /** What to compute; see reference.conf, similarity.*. */
  public record Params(
      int blockSize,
      int k,
      boolean topK,
      double threshold,
      int minSupport,
      double shrinkage,
      int heavyCap,
      long seed,
      Set<Kind> kinds,
      boolean bySupport)
      implements Serializable {
    public Params {
      kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
      if (kinds.contains(Kind.CONTENT)) {
        throw new IllegalArgumentException("content is not a co-rating kind");
      }
      if (bySupport && !kinds.equals(Set.of(Kind.COSINE))) {
        throw new IllegalArgumentException("support lists are computed as the cosine kind alone");
      }
    }

    /** Similarity lists of the given kinds. */
    public Params(
        int blockSize,
        int k,
        boolean topK,
        double threshold,
        int minSupport,
        double shrinkage,
        int heavyCap,
        long seed,
        Set<Kind> kinds) {
      this(blockSize, k, topK, threshold, minSupport, shrinkage, heavyCap, seed, kinds, false);
    }

    /**
     * The configured similarity settings (similarity.*) for the given kind names, in blocks of
     * {@code blockSize} entities ({@link #DERIVED}: {@link StageSizes#blockFor} the entities).
     */
    public static Params of(SimilarityConfig s, List<String> kinds, int blockSize) {
      Set<Kind> set = EnumSet.noneOf(Kind.class);
      kinds.forEach(k -> set.add(Kind.of(k)));
      return new Params(
          blockSize,
          s.k(),
          s.topK(),
          s.threshold(),
          s.minSupport(),
          s.shrinkage(),
          s.heavyCap(),
          s.seed(),
          set);
    }

    /** These settings in blocks of {@code size}. */
    public Params withBlockSize(int size) {
      return new Params(
          size, k, topK, threshold, minSupport, shrinkage, heavyCap, seed, kinds, bySupport);
    }

    /**
     * The k entities most often co-rated with each (co-count at least minSupport; ties to the lower
     * id), listed under the cosine kind with score = co-count / the entity's sum of squared values
     * (with values 1: the share of its raters who rated both, an order-preserving constant per
     * list); no products are accumulated. For also_liked, whose support is the co-count of likes.
     */
    public static Params support(int blockSize, int k, int minSupport) {
      return new Params(blockSize, k, true, 0, minSupport, 0, 0, 0, Set.of(Kind.COSINE), true);
    }
  }

  /**
   * Ratings (user_id, movie_id, rating) as this computation's input: movies compared over their
   * raters, or users over the movies they rated.
   */
  public static Dataset<Row> input(Dataset<Row> ratings, boolean movies) {
    String entity = movies ? IngestSchemas.MOVIE_ID : IngestSchemas.USER_ID;
    String other = movies ? IngestSchemas.USER_ID : IngestSchemas.MOVIE_ID;
    return ratings.select(
        col(entity).as(ENTITY), col(other).as(OTHER), col(IngestSchemas.RATING).as(VALUE));
  }

  /** Counters of what was left out; read after an action on the result. */
  public record Stats(LongAccumulator zeroVariance, LongAccumulator belowSupport)
      implements Serializable {}

  /**
   * Candidate neighbour lists of every entity in {@code ratings} (columns entity, other, value; one
   * row per rating), for the kinds in {@code params}: the k best of each block pair, or all above
   * the threshold. Merge and rank them with {@link Neighbors#rank}.
   */
  public static JavaRDD<NeighborList> compute(
      SparkSession spark, Dataset<Row> ratings, Params params, Stats stats) {
    return compute(spark, ratings, params, stats, Plan.AUTO);
  }

  /** How block pairs get their ratings. */
  public enum Plan {
    /** Broadcast when the ratings fit {@link #broadcastLimit}, shuffle otherwise. */
    AUTO,
    /** Each other's ratings copied to every block pair it touches ({@link RatingSlices.Slice}). */
    SHUFFLE,
    /** All ratings broadcast once to every executor ({@link RatingBlocks}). */
    BROADCAST
  }

  /** {@link #compute} with the plan chosen by the caller (tests run both). */
  public static JavaRDD<NeighborList> compute(
      SparkSession spark, Dataset<Row> ratings, Params given, Stats stats, Plan plan) {
    return compute(spark, ratings, given, stats, plan, 0);
  }

  /**
   * {@link #compute} with the broadcast plan's tile chosen: {@code tileBlocks} x {@code tileBlocks}
   * block pairs a task; 0 derives it ({@link #tileFor}).
   */
  static JavaRDD<NeighborList> compute(
      SparkSession spark,
      Dataset<Row> ratings,
      Params given,
      Stats stats,
      Plan plan,
      int tileBlocks) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (given.kinds().isEmpty()) {
      return jsc.emptyRDD();
    }
    Dataset<Row> input = capped(ratings.select(ENTITY, OTHER, VALUE), given);
    // One job gives the entity ids (in id order: their dense index), their rating norms and
    // the number of ratings.
    List<Row> perEntity =
        input
            .groupBy(ENTITY)
            .agg(sum(col(VALUE).multiply(col(VALUE))), count(lit(1)))
            .orderBy(ENTITY)
            .collectAsList();
    if (perEntity.isEmpty()) {
      return jsc.emptyRDD();
    }
    int[] ids = new int[perEntity.size()];
    double[] norms = new double[ids.length];
    long total = 0;
    for (int i = 0; i < ids.length; i++) {
      ids[i] = perEntity.get(i).getInt(0);
      double sumSq = perEntity.get(i).getDouble(1);
      total += perEntity.get(i).getLong(2);
      // Support lists divide by the entity's sum of squares itself (with values 1, its exact
      // count), not by a norm.
      norms[i] = given.bySupport() ? sumSq : Math.sqrt(sumSq);
    }
    boolean broadcast = broadcasts(spark, plan, total);
    Params params =
        given.blockSize() == DERIVED ? given.withBlockSize(StageSizes.blockFor(ids.length)) : given;
    Broadcast<int[]> idsB = jsc.broadcast(ids);
    Broadcast<double[]> normsB = jsc.broadcast(norms);
    int blocks = BlockPairs.blocks(ids.length, params.blockSize());
    int pairs = BlockPairs.count(blocks);
    int blockSize = params.blockSize();
    int entities = ids.length;
    if (broadcast) {
      Iterator<Row> byOther =
          input
              .groupBy(OTHER)
              .agg(collect_list(struct(col(ENTITY), col(VALUE))).as("r"), avg(VALUE))
              .orderBy(OTHER)
              .toLocalIterator();
      Broadcast<RatingBlocks> data =
          jsc.broadcast(RatingBlocks.build(byOther, total, ids, blockSize));
      int k = params.topK() ? params.k() : 0;
      int tile =
          tileBlocks > 0
              ? Math.min(tileBlocks, blocks)
              : BlockTiles.tileFor(
                  blocks,
                  BlockTiles.partialListBytes(blocks, entities, params),
                  jsc.defaultParallelism());
      if (tile > 1) {
        LOG.info(
            "co-rating over {} entities in tiles of {} x {} block pairs: about {} MB of partial"
                + " lists a block pair a task would shuffle, over {} MB",
            entities,
            tile,
            tile,
            BlockTiles.partialListBytes(blocks, entities, params) >> 20,
            BlockTiles.PARTIAL_LIST_BYTES >> 20);
      }
      // One task per tile of tile x tile block pairs (a tile of 1: a pair a task), merging its
      // pairs' lists, so an entity gets one partial list per tile of its row, not per block.
      int tiles = BlockPairs.blocks(blocks, tile);
      List<Integer> tilePairs = IntStream.range(0, BlockPairs.count(tiles)).boxed().toList();
      return jsc.parallelize(tilePairs, tilePairs.size())
          .flatMap(
              t -> {
                Map<String, NeighborList> merged = new LinkedHashMap<>();
                int[] rc = BlockPairs.pair(t, tiles);
                for (int p = rc[0] * tile; p < Math.min(blocks, (rc[0] + 1) * tile); p++) {
                  int from = Math.max(p, rc[1] * tile);
                  for (int q = from; q < Math.min(blocks, (rc[1] + 1) * tile); q++) {
                    PairTask task =
                        new PairTask(
                            BlockPairs.index(p, q, blocks),
                            blocks,
                            entities,
                            params,
                            idsB.value(),
                            normsB.value(),
                            stats);
                    data.value().feed(task, blockSize);
                    for (NeighborList l : task.emit()) {
                      merged.merge(
                          l.id() + "/" + l.kind(), l, (x, y) -> NeighborList.merge(x, y, k));
                    }
                  }
                }
                return merged.values().iterator();
              });
    }
    // The other side's mean is only needed for adjusted cosine; it costs a join.
    Dataset<Row> withAdjusted =
        params.kinds().contains(Kind.ADJUSTED_COSINE)
            ? input
                .join(input.groupBy(OTHER).agg(avg(VALUE).as("mean")), OTHER)
                .withColumn(ADJ, col(VALUE).minus(col("mean")))
            : input.withColumn(ADJ, lit(0.0));
    Dataset<Row> byOther =
        withAdjusted
            .groupBy(OTHER)
            .agg(collect_list(struct(col(ENTITY), col(VALUE), col(ADJ))).as("r"));
    JavaPairRDD<Long, RatingSlices.Slice> slices =
        byOther
            .javaRDD()
            .flatMapToPair(
                r -> RatingSlices.slicesOf(r, idsB.value(), blockSize, blocks).iterator())
            .repartitionAndSortWithinPartitions(new BlockPairs.PairPartitioner(pairs));
    return slices.mapPartitionsWithIndex(
        (pair, records) -> {
          PairTask task =
              new PairTask(pair, blocks, entities, params, idsB.value(), normsB.value(), stats);
          while (records.hasNext()) {
            RatingSlices.Slice s = records.next()._2();
            if (task.diagonal()) {
              task.add(
                  s.pIdx, s.pVal, s.pAdj, s.pIdx.length, s.pIdx, s.pVal, s.pAdj, s.pIdx.length);
            } else {
              task.add(
                  s.pIdx, s.pVal, s.pAdj, s.pIdx.length, s.qIdx, s.qVal, s.qAdj, s.qIdx.length);
            }
          }
          return task.emit().iterator();
        },
        true);
  }

  /** Whether {@code plan} broadcasts a side of {@code ratings} ratings. */
  public static boolean broadcasts(SparkSession spark, Plan plan, long ratings) {
    return plan == Plan.BROADCAST
        || (plan == Plan.AUTO && RatingBlocks.bytes(ratings, ratings) <= broadcastLimit(spark));
  }

  /**
   * The most bytes of ratings the broadcast plan sends to every executor: an eighth of the smaller
   * of the driver's heap (which builds it) and an executor's (local mode: the driver's), at most 1
   * GB (32 M ratings take 640 MB).
   */
  public static long broadcastLimit(SparkSession spark) {
    long heap = Runtime.getRuntime().maxMemory();
    if (!spark.sparkContext().isLocal()) {
      heap =
          Math.min(heap, spark.sparkContext().conf().getSizeAsBytes("spark.executor.memory", "1g"));
    }
    return Math.min(1L << 30, heap / 8);
  }

  /** Keeps at most heavyCap ratings per other ({@link HeavyCap}). */
  private static Dataset<Row> capped(Dataset<Row> ratings, Params params) {
    return HeavyCap.sample(ratings, OTHER, ENTITY, params.heavyCap(), params.seed());
  }
}
