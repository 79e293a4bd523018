package movierec.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import movierec.similarity.TopK;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * For every row of a left set of vectors, the n rows of a right set with the highest score = left
 * shift + right shift + left . right (with {@code cosine}, both sides are unit-normalised and the
 * shifts ignored), skipping the right ids the left row excludes (movies a user rated; the movie
 * itself). Ties go to the lower right id.
 *
 * <p>Scores come from single-precision matrix products of blocks of both sides ({@link
 * VectorBlock#score}), as MLlib's recommendForAll does, with a bounded top-n per row: dot products
 * in float, shifts added in double, so lists equal an exact scan's up to float rounding. Cost: L x
 * R x d multiply-adds at BLAS speed, plus L x R comparisons with each row's n-th best.
 *
 * <p>Two plans. A right side whose vectors fit in {@link Blocks#broadcastBytes} (every movie of
 * ML-32M: 70 MB) is broadcast in blocks, and each task scores its part of the left rows against all
 * of it: no shuffle of either side, and a left row's list is final where it is scored. A larger
 * right side is cut into blocks by a hash of the id, the blocks are cross-joined (one task per pair
 * of blocks, each holding one block of each side) and the per-block lists are merged per left row:
 * the shuffle carries L x (R / right block) x n candidates, never one row per (left, right) pair.
 */
public final class BlockedTopN {
  /** Input columns: id, vector (floats), shift (double), exclude (ints, left side, nullable). */
  public static final String ID = "id";

  public static final String VECTOR = "vector";
  public static final String SHIFT = "shift";
  public static final String EXCLUDE = "exclude";

  /** Output columns. */
  public static final String LEFT_ID = "left_id";

  public static final String RIGHT_ID = "right_id";

  public static final StructType OUTPUT =
      new StructType()
          .add(LEFT_ID, DataTypes.IntegerType, false)
          .add(RecommendSchemas.RANK, DataTypes.IntegerType, false)
          .add(RIGHT_ID, DataTypes.IntegerType, false)
          .add(RecommendSchemas.SCORE, DataTypes.DoubleType, false);

  private static final Logger LOG = LoggerFactory.getLogger(BlockedTopN.class);

  /**
   * A right block holds at most this many bytes of vectors (83,886 vectors of 200 floats): in the
   * cross-joined plan each left row's list is merged from R / that many partial lists.
   */
  static final long RIGHT_BLOCK_BYTES = 64L << 20;

  /** A right side up to this many bytes of vectors is broadcast. */
  static final long BROADCAST_BYTES = 256L << 20;

  /** Left rows per block when derived: at least one product's tile, at most 4,096 rows. */
  static final int MIN_LEFT = VectorBlock.ROWS;

  static final int MAX_LEFT = 4096;

  private static final String RIGHT_SIDE = "right_side";

  private static final StructType BOTH_WAYS = OUTPUT.add(RIGHT_SIDE, DataTypes.BooleanType, false);

  private BlockedTopN() {}

  /**
   * Rows per block of each side, and the largest right side broadcast rather than cross-joined;
   * {@link #AUTO} derives the rows from the two sides' counts, the vector dimension and the
   * cluster's cores ({@link #derive}).
   */
  public record Blocks(int left, int right, long broadcastBytes) {
    public static final Blocks AUTO = new Blocks(0, 0, BROADCAST_BYTES);

    public static Blocks of(int rows) {
      if (rows <= 0) {
        throw new IllegalArgumentException("block size must be positive, got " + rows);
      }
      return new Blocks(rows, rows, BROADCAST_BYTES);
    }

    boolean auto() {
      return left == 0;
    }
  }

  /**
   * Block sizes for L left and R right rows of {@code dim} floats on {@code cores} cores: the right
   * side in as few blocks as {@link #RIGHT_BLOCK_BYTES} allows, the left side cut into at least
   * four tasks a core (between {@link #MIN_LEFT} and {@link #MAX_LEFT} rows), so the cores stay
   * busy and a task holds one left block, one right block and a tile of scores.
   */
  static Blocks derive(long left, long right, int dim, int cores) {
    long rightRows = Math.max(1, Math.min(right, RIGHT_BLOCK_BYTES / (4L * Math.max(1, dim))));
    long rightBlocks = (right + rightRows - 1) / rightRows;
    long leftBlocks = Math.max(1, (4L * Math.max(1, cores) + rightBlocks - 1) / rightBlocks);
    long leftRows = Math.max(MIN_LEFT, Math.min(MAX_LEFT, (left + leftBlocks - 1) / leftBlocks));
    return new Blocks((int) leftRows, (int) rightRows, BROADCAST_BYTES);
  }

  /**
   * The top {@code n} right rows of every left row, ranked 1..n.
   *
   * @param left columns id, vector, shift, exclude (null or ids to skip)
   * @param right columns id, vector, shift
   */
  public static Dataset<Row> topN(
      SparkSession spark,
      Dataset<Row> left,
      Dataset<Row> right,
      int n,
      Blocks blocks,
      boolean cosine) {
    return spark.createDataFrame(pass(spark, left, right, n, 0, blocks, cosine), OUTPUT);
  }

  /**
   * The lists of {@link #topN} and, from the same scores, the {@code nRight} left rows with the
   * highest plain dot product for every right row (no shifts, no exclusions; ties to the lower left
   * id): what scoring the right set against the left would give, without a second pass over L x R.
   * {@code all} holds both (column {@code right_side}) and is persisted: unpersist it when both are
   * written.
   */
  public record BothWays(Dataset<Row> left, Dataset<Row> right, Dataset<Row> all) {}

  public static BothWays topNBothWays(
      SparkSession spark, Dataset<Row> left, Dataset<Row> right, int n, int nRight, Blocks blocks) {
    if (nRight <= 0) {
      throw new IllegalArgumentException("nRight must be positive, got " + nRight);
    }
    Dataset<Row> all =
        spark
            .createDataFrame(pass(spark, left, right, n, nRight, blocks, false), BOTH_WAYS)
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> l = all.filter(functions.not(functions.col(RIGHT_SIDE))).drop(RIGHT_SIDE);
    Dataset<Row> r =
        all.filter(functions.col(RIGHT_SIDE))
            .drop(RIGHT_SIDE)
            .toDF(RIGHT_ID, RecommendSchemas.RANK, LEFT_ID, RecommendSchemas.SCORE);
    return new BothWays(l, r, all);
  }

  /** Keys of the partial lists: the right side's lists have bit 32 set. */
  private static long key(boolean rightSide, int id) {
    return (rightSide ? 1L << 32 : 0L) | (id & 0xFFFFFFFFL);
  }

  private static JavaRDD<Row> pass(
      SparkSession spark,
      Dataset<Row> left,
      Dataset<Row> right,
      int n,
      int nRight,
      Blocks blocks,
      boolean cosine) {
    long lc = left.count();
    long rc = right.count();
    int dim = rc == 0 ? 1 : right.select(functions.size(functions.col(VECTOR))).first().getInt(0);
    int cores = spark.sparkContext().defaultParallelism();
    boolean broadcast = 4L * dim * rc <= blocks.broadcastBytes();
    if (blocks.auto()) {
      Blocks set = derive(lc, rc, dim, cores);
      blocks = new Blocks(set.left(), set.right(), blocks.broadcastBytes());
      LOG.info(
          "recommend.block-size derived: {} x {} {}-d vectors in blocks of {} x {} rows ({} cores:"
              + " at least 4 tasks a core; {})",
          lc,
          rc,
          dim,
          blocks.left(),
          blocks.right(),
          cores,
          broadcast
              ? "the right side broadcast, " + ((4L * dim * rc) >> 20) + " MB"
              : "right blocks of at most " + (RIGHT_BLOCK_BYTES >> 20) + " MB, cross-joined");
    }
    boolean leftExcludes = Arrays.asList(left.columns()).contains(EXCLUDE);
    JavaRDD<VectorBlock.Entry> leftEntries = entries(left, cosine, leftExcludes);
    JavaPairRDD<Long, PartialList> partials;
    int reducers;
    if (broadcast) {
      int rows = blocks.right();
      List<VectorBlock> rightBlocks =
          VectorBlock.cut(entries(right, cosine, false).collect(), rows);
      Broadcast<List<VectorBlock>> bc =
          JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(rightBlocks);
      if (leftEntries.getNumPartitions() < cores) {
        leftEntries = leftEntries.repartition(4 * cores);
      }
      int leftRows = blocks.left();
      partials =
          leftEntries.mapPartitionsToPair(it -> againstAll(it, bc.value(), leftRows, n, nRight));
      if (nRight == 0) {
        // Each left row was scored against every right row in one task: its list is final.
        return partials.flatMap(e -> rows(e._1(), e._2(), n, nRight));
      }
      reducers = Math.max(1, leftEntries.getNumPartitions());
    } else {
      int lb = blockCount(lc, blocks.left());
      int rb = blockCount(rc, blocks.right());
      JavaRDD<VectorBlock> lBlocks = hashed(leftEntries, lb);
      JavaRDD<VectorBlock> rBlocks = hashed(entries(right, cosine, false), rb);
      partials =
          lBlocks.cartesian(rBlocks).flatMapToPair(p -> pair(p._1(), p._2(), n, nRight).iterator());
      reducers = lb;
    }
    int keep = Math.max(n, nRight);
    return partials
        .reduceByKey((a, b) -> a.merge(b, keep), reducers)
        .flatMap(e -> rows(e._1(), e._2(), n, nRight));
  }

  static int blockCount(long rows, int blockSize) {
    return (int) Math.max(1, (rows + blockSize - 1) / blockSize);
  }

  private static JavaRDD<VectorBlock.Entry> entries(
      Dataset<Row> side, boolean cosine, boolean excludes) {
    Dataset<Row> cols =
        excludes ? side.select(ID, VECTOR, SHIFT, EXCLUDE) : side.select(ID, VECTOR, SHIFT);
    return cols.javaRDD().map(r -> VectorBlock.Entry.of(r, cosine, excludes));
  }

  private static JavaRDD<VectorBlock> hashed(JavaRDD<VectorBlock.Entry> entries, int count) {
    return entries
        .keyBy(e -> Math.floorMod(Integer.hashCode(e.id * 0x9E3779B1), count))
        .groupByKey(count)
        .map(e -> VectorBlock.of(e._2()));
  }

  /** One pair of blocks of the cross-joined plan: both blocks' partial lists. */
  private static List<Tuple2<Long, PartialList>> pair(
      VectorBlock l, VectorBlock r, int n, int nRight) {
    TopK[] tops = VectorBlock.tops(l.size(), n);
    TopK[] fans = nRight > 0 ? VectorBlock.tops(r.size(), nRight) : null;
    l.score(r, tops, fans);
    List<Tuple2<Long, PartialList>> out = new ArrayList<>();
    emit(l, tops, false, out);
    if (fans != null) {
      emit(r, fans, true, out);
    }
    return out;
  }

  /**
   * The broadcast plan's task: its left rows in blocks of {@code leftRows}, each scored against
   * every right block; the lists of its left rows and, with {@code nRight > 0}, its part of every
   * right row's list.
   */
  private static Iterator<Tuple2<Long, PartialList>> againstAll(
      Iterator<VectorBlock.Entry> it, List<VectorBlock> right, int leftRows, int n, int nRight) {
    List<TopK[]> fans = new ArrayList<>();
    for (VectorBlock r : right) {
      fans.add(nRight > 0 ? VectorBlock.tops(r.size(), nRight) : null);
    }
    List<Tuple2<Long, PartialList>> out = new ArrayList<>();
    List<VectorBlock.Entry> chunk = new ArrayList<>(leftRows);
    while (it.hasNext()) {
      chunk.add(it.next());
      if (chunk.size() == leftRows || !it.hasNext()) {
        VectorBlock l = VectorBlock.of(chunk);
        TopK[] tops = VectorBlock.tops(l.size(), n);
        for (int b = 0; b < right.size(); b++) {
          l.score(right.get(b), tops, fans.get(b));
        }
        emit(l, tops, false, out);
        chunk.clear();
      }
    }
    for (int b = 0; b < right.size() && nRight > 0; b++) {
      emit(right.get(b), fans.get(b), true, out);
    }
    return out.iterator();
  }

  private static void emit(
      VectorBlock block, TopK[] tops, boolean rightSide, List<Tuple2<Long, PartialList>> out) {
    for (int i = 0; i < tops.length; i++) {
      if (tops[i].size() > 0) {
        out.add(new Tuple2<>(key(rightSide, block.ids[i]), PartialList.of(tops[i])));
      }
    }
  }

  /** A merged list as output rows (with the right_side column when both ways are asked for). */
  private static Iterator<Row> rows(long key, PartialList p, int n, int nRight) {
    boolean rightSide = (key >>> 32) != 0;
    int id = (int) key;
    int size = Math.min(p.ids.length, rightSide ? nRight : n);
    List<Row> out = new ArrayList<>(size);
    for (int r = 0; r < size; r++) {
      out.add(
          nRight > 0
              ? RowFactory.create(id, r + 1, p.ids[r], p.scores[r], rightSide)
              : RowFactory.create(id, r + 1, p.ids[r], p.scores[r]));
    }
    return out.iterator();
  }
}
