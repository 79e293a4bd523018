package movierec.recommend;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import movierec.similarity.TopK;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * For every row of a left set of vectors, the n rows of a right set with the highest score = left
 * shift + right shift + left . right (with {@code cosine}, both sides are unit-normalised and the
 * shifts ignored), skipping the right ids the left row excludes (movies a user rated; the movie
 * itself). Ties go to the lower right id.
 *
 * <p>Both sides are cut into blocks of about {@code blockSize} rows (by a hash of the id); the
 * blocks are cross-joined, one task per pair of blocks, and each task keeps the n best of its right
 * block for each left row; the per-block lists are then merged per left row. Cost: L x R x d
 * multiply-adds; each task holds one block of each side (2 x blockSize x d floats) and the shuffle
 * carries L x (R / blockSize) x n candidates, never one row per (left, right) pair.
 *
 * <p>Every task rebuilds its two blocks from the block shuffle, so rows enter that shuffle as
 * primitive arrays ({@link Entry}), not as Rows of boxed floats: deserialising those cost more than
 * the scoring itself. Scoring takes four left rows per pass over a right vector, four independent
 * sums instead of one long chain of dependent additions; each sum still adds its products in
 * dimension order, so scores are bit-identical to a plain loop.
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

  private BlockedTopN() {}

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
      int blockSize,
      boolean cosine) {
    return spark.createDataFrame(pass(left, right, n, 0, blockSize, cosine), OUTPUT);
  }

  /**
   * The lists of {@link #topN} and, from the same scores, the {@code nRight} left rows with the
   * highest plain dot product for every right row (no shifts, no exclusions; ties to the lower left
   * id): what scoring the right set against the left would give, bit for bit, without a second pass
   * over L x R. {@code all} holds both (column {@code right_side}) and is persisted: unpersist it
   * when both are written.
   */
  public record BothWays(Dataset<Row> left, Dataset<Row> right, Dataset<Row> all) {}

  public static BothWays topNBothWays(
      SparkSession spark, Dataset<Row> left, Dataset<Row> right, int n, int nRight, int blockSize) {
    if (nRight <= 0) {
      throw new IllegalArgumentException("nRight must be positive, got " + nRight);
    }
    Dataset<Row> all =
        spark
            .createDataFrame(pass(left, right, n, nRight, blockSize, false), BOTH_WAYS)
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> l = all.filter(functions.not(functions.col(RIGHT_SIDE))).drop(RIGHT_SIDE);
    Dataset<Row> r =
        all.filter(functions.col(RIGHT_SIDE))
            .drop(RIGHT_SIDE)
            .toDF(RIGHT_ID, RecommendSchemas.RANK, LEFT_ID, RecommendSchemas.SCORE);
    return new BothWays(l, r, all);
  }

  private static final String RIGHT_SIDE = "right_side";

  private static final StructType BOTH_WAYS = OUTPUT.add(RIGHT_SIDE, DataTypes.BooleanType, false);

  /** Keys of the partial lists: the right side's lists have bit 32 set. */
  private static long key(boolean rightSide, int id) {
    return (rightSide ? 1L << 32 : 0L) | (id & 0xFFFFFFFFL);
  }

  private static JavaRDD<Row> pass(
      Dataset<Row> left, Dataset<Row> right, int n, int nRight, int blockSize, boolean cosine) {
    int lb = blockCount(left.count(), blockSize);
    int rb = blockCount(right.count(), blockSize);
    boolean leftExcludes = Arrays.asList(left.columns()).contains(EXCLUDE);
    JavaRDD<Block> lBlocks = blocks(left, lb, cosine, leftExcludes);
    JavaRDD<Block> rBlocks = blocks(right, rb, cosine, false);
    JavaPairRDD<Long, Partial> partials =
        lBlocks.cartesian(rBlocks).flatMapToPair(p -> p._1().best(p._2(), n, nRight).iterator());
    boolean both = nRight > 0;
    int keep = Math.max(n, nRight);
    return partials
        .reduceByKey((a, b) -> a.merge(b, keep), Math.max(1, lb))
        .flatMap(
            e -> {
              boolean rightSide = (e._1() >>> 32) != 0;
              int id = (int) (long) e._1();
              Partial p = e._2();
              int size = Math.min(p.ids.length, rightSide ? nRight : n);
              List<Row> out = new ArrayList<>(size);
              for (int r = 0; r < size; r++) {
                out.add(
                    both
                        ? RowFactory.create(id, r + 1, p.ids[r], p.scores[r], rightSide)
                        : RowFactory.create(id, r + 1, p.ids[r], p.scores[r]));
              }
              return out.iterator();
            });
  }

  static int blockCount(long rows, int blockSize) {
    return (int) Math.max(1, (rows + blockSize - 1) / blockSize);
  }

  private static JavaRDD<Block> blocks(
      Dataset<Row> side, int count, boolean cosine, boolean excludes) {
    Dataset<Row> cols =
        excludes ? side.select(ID, VECTOR, SHIFT, EXCLUDE) : side.select(ID, VECTOR, SHIFT);
    return cols.javaRDD()
        .map(r -> Entry.of(r, cosine, excludes))
        .keyBy(e -> Math.floorMod(Integer.hashCode(e.id * 0x9E3779B1), count))
        .groupByKey(count)
        .map(e -> Block.of(e._2()));
  }

  /**
   * One input row as primitive arrays: the vector (unit-normalised for cosine), sorted excludes.
   */
  static final class Entry implements Serializable {
    private static final long serialVersionUID = 1L;
    final int id;
    final float[] vector;
    final double shift;
    final int[] exclude;

    private Entry(int id, float[] vector, double shift, int[] exclude) {
      this.id = id;
      this.vector = vector;
      this.shift = shift;
      this.exclude = exclude;
    }

    static Entry of(Row r, boolean cosine, boolean excludes) {
      int id = r.getInt(0);
      List<Float> v = r.getList(1);
      float[] vec = new float[v.size()];
      double norm = 0;
      for (int k = 0; k < vec.length; k++) {
        float x = v.get(k);
        vec[k] = x;
        norm += (double) x * x;
      }
      if (cosine && norm > 0) {
        double inv = 1 / Math.sqrt(norm);
        for (int k = 0; k < vec.length; k++) {
          vec[k] = (float) (vec[k] * inv);
        }
      }
      double shift = cosine || r.isNullAt(2) ? 0 : r.getDouble(2);
      int[] exclude = null;
      if (excludes && !r.isNullAt(3)) {
        List<Integer> ex = r.getList(3);
        exclude = new int[ex.size()];
        for (int k = 0; k < exclude.length; k++) {
          exclude[k] = ex.get(k);
        }
        Arrays.sort(exclude);
      }
      return new Entry(id, vec, shift, exclude);
    }
  }

  /** One block of rows, sorted by id: vectors row-major. */
  static final class Block implements Serializable {
    /** Left rows scored together against one right vector (the unrolled sums in dots). */
    private static final int TILE = 4;

    private static final long serialVersionUID = 1L;
    final int[] ids;
    final float[] vectors;
    final double[] shifts;
    final int[][] exclude;
    final int dim;

    private Block(int[] ids, float[] vectors, double[] shifts, int[][] exclude, int dim) {
      this.ids = ids;
      this.vectors = vectors;
      this.shifts = shifts;
      this.exclude = exclude;
      this.dim = dim;
    }

    static Block of(Iterable<Entry> entries) {
      List<Entry> list = new ArrayList<>();
      entries.forEach(list::add);
      list.sort(Comparator.comparingInt(e -> e.id));
      int n = list.size();
      int dim = n == 0 ? 0 : list.get(0).vector.length;
      int[] ids = new int[n];
      float[] vec = new float[n * dim];
      double[] shifts = new double[n];
      int[][] exclude = new int[n][];
      for (int i = 0; i < n; i++) {
        Entry e = list.get(i);
        ids[i] = e.id;
        if (e.vector.length != dim) {
          throw new IllegalArgumentException(
              "vector of id "
                  + ids[i]
                  + " has "
                  + e.vector.length
                  + " dimensions, expected "
                  + dim);
        }
        System.arraycopy(e.vector, 0, vec, i * dim, dim);
        shifts[i] = e.shift;
        exclude[i] = e.exclude;
      }
      return new Block(ids, vec, shifts, exclude, dim);
    }

    /**
     * The n best rows of {@code right} for each row of this block and, when {@code nRight > 0}, the
     * nRight rows of this block with the highest dot product for each row of {@code right}.
     */
    List<Tuple2<Long, Partial>> best(Block right, int n, int nRight) {
      List<Tuple2<Long, Partial>> out = new ArrayList<>(ids.length);
      TopK[] rightTops = new TopK[nRight > 0 ? right.ids.length : 0];
      for (int j = 0; j < rightTops.length; j++) {
        rightTops[j] = new TopK(nRight);
      }
      if (ids.length > 0 && right.ids.length > 0 && right.dim != dim) {
        throw new IllegalArgumentException(
            "left vectors have " + dim + " dimensions, right " + right.dim);
      }
      double[] dots = new double[TILE];
      int[] cursor = new int[TILE];
      for (int i = 0; i < ids.length; i += TILE) {
        int rows = Math.min(TILE, ids.length - i);
        TopK[] tops = new TopK[rows];
        for (int t = 0; t < rows; t++) {
          tops[t] = new TopK(n);
          cursor[t] = 0;
        }
        for (int j = 0; j < right.ids.length; j++) {
          dots(i, rows, right.vectors, j * dim, dots);
          int rid = right.ids[j];
          if (rightTops.length > 0) {
            for (int t = 0; t < rows; t++) {
              if (rightTops[j].wouldKeep(dots[t], ids[i + t])) {
                rightTops[j].offer(dots[t], ids[i + t]);
              }
            }
          }
          for (int t = 0; t < rows; t++) {
            double score = shifts[i + t] + right.shifts[j] + dots[t];
            // Most candidates fall below the kept n: test that before the exclusion list.
            if (tops[t].wouldKeep(score, rid) && !excluded(exclude[i + t], cursor, t, rid)) {
              tops[t].offer(score, rid);
            }
          }
        }
        for (int t = 0; t < rows; t++) {
          if (tops[t].size() > 0) {
            out.add(new Tuple2<>(key(false, ids[i + t]), Partial.of(tops[t])));
          }
        }
      }
      for (int j = 0; j < rightTops.length; j++) {
        if (rightTops[j].size() > 0) {
          out.add(new Tuple2<>(key(true, right.ids[j]), Partial.of(rightTops[j])));
        }
      }
      return out;
    }

    /**
     * Whether {@code rid} is in the sorted {@code ex}; right ids arrive in increasing order, so
     * {@code cursor[t]} only moves forward.
     */
    private static boolean excluded(int[] ex, int[] cursor, int t, int rid) {
      if (ex == null) {
        return false;
      }
      int c = cursor[t];
      while (c < ex.length && ex[c] < rid) {
        c++;
      }
      cursor[t] = c;
      return c < ex.length && ex[c] == rid;
    }

    /** The dot products of left rows i..i+rows-1 with the right vector at offset p. */
    private void dots(int i, int rows, float[] r, int p, double[] out) {
      float[] l = vectors;
      if (rows == TILE) {
        int o0 = i * dim;
        int o1 = o0 + dim;
        int o2 = o1 + dim;
        int o3 = o2 + dim;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int k = 0; k < dim; k++) {
          float x = r[p + k];
          s0 += l[o0 + k] * x;
          s1 += l[o1 + k] * x;
          s2 += l[o2 + k] * x;
          s3 += l[o3 + k] * x;
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
        return;
      }
      for (int t = 0; t < rows; t++) {
        int o = (i + t) * dim;
        double s = 0;
        for (int k = 0; k < dim; k++) {
          s += l[o + k] * r[p + k];
        }
        out[t] = s;
      }
    }
  }

  /** A list best first, of at most n ids. */
  static final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;
    final int[] ids;
    final double[] scores;

    Partial(int[] ids, double[] scores) {
      this.ids = ids;
      this.scores = scores;
    }

    static Partial of(TopK top) {
      int[] order = top.bestFirst();
      int[] ids = new int[order.length];
      double[] scores = new double[order.length];
      for (int i = 0; i < order.length; i++) {
        ids[i] = top.neighbor(order[i]);
        scores[i] = top.score(order[i]);
      }
      return new Partial(ids, scores);
    }

    /** Merges two best-first lists (same ranking rule as {@link TopK}), keeping n. */
    Partial merge(Partial o, int n) {
      int size = Math.min(n, ids.length + o.ids.length);
      int[] mi = new int[size];
      double[] ms = new double[size];
      int a = 0;
      int b = 0;
      for (int r = 0; r < size; r++) {
        boolean takeA =
            b >= o.ids.length
                || (a < ids.length
                    && (scores[a] > o.scores[b]
                        || (scores[a] == o.scores[b] && ids[a] < o.ids[b])));
        if (takeA) {
          mi[r] = ids[a];
          ms[r] = scores[a++];
        } else {
          mi[r] = o.ids[b];
          ms[r] = o.scores[b++];
        }
      }
      return new Partial(mi, ms);
    }
  }
}
