package movierec.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import movierec.SparkTestSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** The blocked top-N equals a brute-force scan of every pair, for any block size. */
class BlockedTopNTest {
  private static final StructType LEFT =
      new StructType()
          .add("id", DataTypes.IntegerType)
          .add("vector", DataTypes.createArrayType(DataTypes.FloatType))
          .add("shift", DataTypes.DoubleType)
          .add("exclude", DataTypes.createArrayType(DataTypes.IntegerType));
  private static final StructType RIGHT =
      new StructType()
          .add("id", DataTypes.IntegerType)
          .add("vector", DataTypes.createArrayType(DataTypes.FloatType))
          .add("shift", DataTypes.DoubleType);

  private final SparkSession spark = SparkTestSupport.spark();

  record Side(int[] ids, float[][] vec, double[] shift, int[][] exclude) {}

  static Side random(Random rnd, int n, int dim, int idBase, int excludeFrom) {
    int[] ids = new int[n];
    float[][] vec = new float[n][dim];
    double[] shift = new double[n];
    int[][] exclude = new int[n][];
    for (int i = 0; i < n; i++) {
      ids[i] = idBase + i * 3;
      for (int k = 0; k < dim; k++) {
        // Coarse values so that exact ties occur and the tie rule is exercised.
        vec[i][k] = rnd.nextInt(5) - 2;
      }
      shift[i] = rnd.nextInt(3);
      exclude[i] = new int[rnd.nextInt(4)];
      for (int e = 0; e < exclude[i].length; e++) {
        exclude[i][e] = excludeFrom + 3 * rnd.nextInt(n);
      }
    }
    return new Side(ids, vec, shift, exclude);
  }

  private Dataset<Row> frame(Side s, boolean left) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < s.ids().length; i++) {
      List<Float> v = new ArrayList<>();
      for (float x : s.vec()[i]) {
        v.add(x);
      }
      Object vec = CollectionConverters.asScala(v).toSeq();
      if (left) {
        List<Integer> ex = new ArrayList<>();
        for (int e : s.exclude()[i]) {
          ex.add(e);
        }
        rows.add(
            RowFactory.create(
                s.ids()[i], vec, s.shift()[i], CollectionConverters.asScala(ex).toSeq()));
      } else {
        rows.add(RowFactory.create(s.ids()[i], vec, s.shift()[i]));
      }
    }
    return spark.createDataFrame(rows, left ? LEFT : RIGHT);
  }

  /** Every left row's list by scanning all pairs: (left, rank, right, score) strings. */
  static List<String> bruteForce(Side l, Side r, int n, boolean cosine) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < l.ids().length; i++) {
      List<double[]> cands = new ArrayList<>();
      for (int j = 0; j < r.ids().length; j++) {
        int rid = r.ids()[j];
        if (java.util.Arrays.stream(l.exclude()[i]).anyMatch(e -> e == rid)) {
          continue;
        }
        double s = 0;
        double nl = 0;
        double nr = 0;
        for (int k = 0; k < l.vec()[i].length; k++) {
          s += (double) l.vec()[i][k] * r.vec()[j][k];
          nl += (double) l.vec()[i][k] * l.vec()[i][k];
          nr += (double) r.vec()[j][k] * r.vec()[j][k];
        }
        if (cosine) {
          s = nl == 0 || nr == 0 ? 0 : s / Math.sqrt(nl) / Math.sqrt(nr);
        } else {
          s += l.shift()[i] + r.shift()[j];
        }
        cands.add(new double[] {s, rid});
      }
      cands.sort(Comparator.<double[]>comparingDouble(c -> -c[0]).thenComparingDouble(c -> c[1]));
      for (int k = 0; k < Math.min(n, cands.size()); k++) {
        out.add(l.ids()[i] + "," + (k + 1) + "," + (int) cands.get(k)[1]);
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * The lists of both plans, which must agree: the right side broadcast, and (broadcast limit 0)
   * both sides hashed into blocks and cross-joined.
   */
  private List<String> blocked(Side l, Side r, int n, int blockSize, boolean cosine) {
    List<String> broadcast = blocked(l, r, n, BlockedTopN.Blocks.of(blockSize), cosine);
    List<String> crossJoined =
        blocked(l, r, n, new BlockedTopN.Blocks(blockSize, blockSize, 0), cosine);
    assertEquals(broadcast, crossJoined, "the two plans, block " + blockSize);
    return broadcast;
  }

  private List<String> blocked(Side l, Side r, int n, BlockedTopN.Blocks blocks, boolean cosine) {
    return strings(BlockedTopN.topN(spark, frame(l, true), frame(r, false), n, blocks, cosine));
  }

  @Test
  void blockedEqualsBruteForceForEveryBlockSize() {
    Random rnd = new Random(7);
    Side users = random(rnd, 37, 4, 1, 1000);
    Side movies = random(rnd, 29, 4, 1000, 0);
    List<String> expected = bruteForce(users, movies, 5, false);
    assertEquals(37 * 5, expected.size());
    for (int blockSize : new int[] {4, 10, 100}) {
      assertEquals(expected, blocked(users, movies, 5, blockSize, false), "block " + blockSize);
    }
  }

  @Test
  void bothWaysGivesTheLeftListsAndTheRightListsOfTwoSeparatePasses() {
    Random rnd = new Random(5);
    Side users = random(rnd, 37, 4, 1, 1000);
    Side movies = random(rnd, 29, 4, 1000, 0);
    // The right side's lists rank by the plain dot product, excluding nothing.
    Side plainMovies = new Side(movies.ids(), movies.vec(), new double[29], new int[29][0]);
    Side plainUsers = new Side(users.ids(), users.vec(), new double[37], new int[37][0]);
    List<String> fans = bruteForce(plainMovies, plainUsers, 3, false);
    assertEquals(29 * 3, fans.size());
    for (BlockedTopN.Blocks blocks :
        List.of(
            BlockedTopN.Blocks.of(4),
            BlockedTopN.Blocks.of(100),
            new BlockedTopN.Blocks(4, 4, 0),
            new BlockedTopN.Blocks(100, 7, 0))) {
      BlockedTopN.BothWays both =
          BlockedTopN.topNBothWays(spark, frame(users, true), frame(movies, false), 5, 3, blocks);
      assertEquals(bruteForce(users, movies, 5, false), strings(both.left()), blocks.toString());
      assertEquals(fans, strings(both.right()), blocks.toString());
      both.all().unpersist();
    }
  }

  private static List<String> strings(Dataset<Row> lists) {
    List<String> out = new ArrayList<>();
    for (Row row : lists.collectAsList()) {
      out.add(row.getInt(0) + "," + row.getInt(1) + "," + row.getInt(2));
    }
    out.sort(null);
    return out;
  }

  @Test
  void cosineEqualsBruteForceAndExcludedIdsNeverAppear() {
    Random rnd = new Random(11);
    Side movies = random(rnd, 23, 3, 1000, 1000);
    List<String> got = blocked(movies, movies, 4, 6, true);
    assertEquals(bruteForce(movies, movies, 4, true), got);
    for (String line : got) {
      String[] p = line.split(",");
      int left = Integer.parseInt(p[0]);
      int right = Integer.parseInt(p[2]);
      int i = (left - 1000) / 3;
      assertTrue(
          java.util.Arrays.stream(movies.exclude()[i]).noneMatch(e -> e == right),
          "excluded id listed: " + line);
    }
  }

  @Test
  void denseExclusionsAndOddDimensionsMatchBruteForce() {
    // Four left rows are scored together and exclusions are walked with a cursor: rows that
    // exclude most of the right side (with repeats and ids it does not hold), in blocks whose
    // sizes are not multiples of four, over a dimension that is odd.
    Random rnd = new Random(5);
    Side users = random(rnd, 41, 7, 1, 0);
    Side movies = random(rnd, 31, 7, 1000, 0);
    for (int i = 0; i < users.ids().length; i++) {
      int[] ex = new int[rnd.nextInt(40)];
      for (int e = 0; e < ex.length; e++) {
        ex[e] = 997 + rnd.nextInt(100);
      }
      users.exclude()[i] = ex;
    }
    List<String> expected = bruteForce(users, movies, 3, false);
    for (int blockSize : new int[] {5, 13, 64}) {
      assertEquals(expected, blocked(users, movies, 3, blockSize, false), "block " + blockSize);
    }
  }

  /**
   * Vectors like the models' (200 real-valued dimensions, more left rows than one product takes):
   * the blocked lists, scored in single precision, equal the exact double-precision scan up to
   * float rounding: every score within 1e-4 of the exact score of its rank, and the same id
   * wherever the exact scores around that rank are further apart than that.
   */
  @Test
  void realValuedVectorsGiveTheExactListsUpToFloatRounding() {
    Random rnd = new Random(13);
    int dim = 200;
    Side users = random(rnd, VectorBlock.ROWS + 44, dim, 1, 1000);
    Side movies = random(rnd, 150, dim, 1000, 0);
    for (Side s : List.of(users, movies)) {
      for (float[] v : s.vec()) {
        for (int k = 0; k < dim; k++) {
          v[k] = (float) (rnd.nextGaussian() * 0.1);
        }
      }
    }
    int n = 10;
    java.util.Map<Integer, List<double[]>> exact = new java.util.HashMap<>();
    for (int i = 0; i < users.ids().length; i++) {
      List<double[]> cands = new ArrayList<>();
      for (int j = 0; j < movies.ids().length; j++) {
        int rid = movies.ids()[j];
        if (java.util.Arrays.stream(users.exclude()[i]).anyMatch(e -> e == rid)) {
          continue;
        }
        double dot = users.shift()[i] + movies.shift()[j];
        for (int k = 0; k < dim; k++) {
          dot += (double) users.vec()[i][k] * movies.vec()[j][k];
        }
        cands.add(new double[] {dot, rid});
      }
      cands.sort(Comparator.<double[]>comparingDouble(c -> -c[0]));
      exact.put(users.ids()[i], cands);
    }
    List<Row> got =
        BlockedTopN.topN(
                spark, frame(users, true), frame(movies, false), n, BlockedTopN.Blocks.AUTO, false)
            .collectAsList();
    assertEquals(users.ids().length * n, got.size());
    double tol = 1e-4;
    for (Row row : got) {
      List<double[]> list = exact.get(row.getInt(0));
      int r = row.getInt(1) - 1;
      assertEquals(list.get(r)[0], row.getDouble(3), tol, "score at rank " + (r + 1));
      boolean apart =
          (r == 0 || list.get(r - 1)[0] - list.get(r)[0] > tol)
              && list.get(r)[0] - list.get(r + 1)[0] > tol;
      if (apart) {
        assertEquals((int) list.get(r)[1], row.getInt(2), "id at rank " + (r + 1));
      }
    }
  }

  /** Derived blocks: few right blocks, enough left blocks to keep every core busy. */
  @Test
  void derivedBlocksFitTheShapes() {
    // ML-1M on 2 cores: every movie in one block, users in 8 tasks.
    assertEquals(755, BlockedTopN.derive(6040, 3706, 200, 2).left());
    assertEquals(3706, BlockedTopN.derive(6040, 3706, 200, 2).right());
    // ML-32M: movies in two blocks of 83,886 (64 MB of 200-d vectors), users in 4,096-row blocks.
    BlockedTopN.Blocks big = BlockedTopN.derive(200_948, 87_585, 200, 2);
    assertEquals(83_886, big.right());
    assertEquals(BlockedTopN.MAX_LEFT, big.left());
    // Tiny sides still give one valid block each; many cores never give blocks under a tile.
    assertEquals(BlockedTopN.MIN_LEFT, BlockedTopN.derive(5, 3, 4, 2).left());
    assertEquals(3, BlockedTopN.derive(5, 3, 4, 2).right());
    assertEquals(BlockedTopN.MIN_LEFT, BlockedTopN.derive(100_000, 3706, 200, 1000).left());
  }

  /** A right block wider than one product's tile is scored in several products. */
  @Test
  void rightBlocksWiderThanOneProductMatchBruteForce() {
    Random rnd = new Random(17);
    Side users = random(rnd, 6, 3, 1, 0);
    Side movies = random(rnd, VectorBlock.COLS + 100, 3, 1000, 0);
    int all = movies.ids().length;
    assertEquals(
        bruteForce(users, movies, 4, false),
        blocked(
            users, movies, 4, new BlockedTopN.Blocks(8, all, BlockedTopN.BROADCAST_BYTES), false));
  }

  @Test
  void fewerCandidatesThanNGiveShorterLists() {
    Random rnd = new Random(3);
    Side users = random(rnd, 5, 2, 1, 1000);
    Side movies = random(rnd, 3, 2, 1000, 0);
    assertEquals(bruteForce(users, movies, 10, false), blocked(users, movies, 10, 2, false));
  }
}
