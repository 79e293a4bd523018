package movierec.ranking;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import movierec.similarity.TopK;
import org.netlib.util.intW;

/**
 * EASE with each movie's column restricted to its {@code l} nearest movies: column j of B is the
 * ridge regression of "rated j" on "rated each of N(j)", B[N(j), j] = (G[N, N] + lambda I)^-1 G[N,
 * j], G = X'X the co-rating counts. With N(j) every other movie this is exact EASE's column (Steck
 * 2019 derives B = I - P / diag(P) from exactly these regressions); restricting the support is the
 * neighbourhood selection of Ning and Karypis's fsSLIM, with EASE's closed-form L2 in place of
 * SLIM's elastic net. N(j) is j's l movies of highest cosine (on ml-1m, l = 256 by cosine scored
 * 0.2899 NDCG@10 against exact EASE's 0.2917, by raw co-count 0.2850).
 *
 * <p>G[N, N] comes from each movie's {@code kept} entries of highest cosine (kept &gt;= l): a pair
 * neither of whose lists holds the other counts 0, as in the pruned Gram of sparse approximate
 * inverses such as SANSA, and its bound is added to the diagonal so the system stays positive
 * definite (on ml-1m, lists of 128 by co-count without it gave an indefinite system). Keeping 4 l
 * entries scored within 0.1% of the exact G[N, N] on ml-1m; keeping only l lost 14%.
 *
 * <p>Cost, for n rated movies: the counts take sum over users of ratings^2 additions, in row blocks
 * of 32 MB of counts per thread ({@link #rowBlock}); n x kept entries are held, 8 bytes each
 * (ML-25M's 62,000 movies at 1,024: 510 MB); each column is a Cholesky solve of l x l, n l^3 / 3
 * flops (62,000 x 256: 3.5e11) plus l x kept look-ups to build it. Nothing grows with n^2 in memory
 * or n^3 in time, as exact EASE ({@link ItemItem#ease}) does. Fitted on the driver, one thread a
 * core, with single-threaded native LAPACK (submit.sh sets OPENBLAS_NUM_THREADS=1: with OpenBLAS's
 * own threads on top, the solves ran 6x slower).
 */
public final class SparseEase {
  private SparseEase() {}

  /** Counts one thread fills at once (32 MB): a block of movies' rows over all n movies. */
  static final int BLOCK_COUNTS = 1 << 23;

  /** Movies per block of count rows: BLOCK_COUNTS / n, from 16 to 1,024. */
  static int rowBlock(int n) {
    return Math.max(16, Math.min(1024, BLOCK_COUNTS / Math.max(1, n)));
  }

  /**
   * Each rated movie's kept entries of G, best first: its movies of highest cosine (co-count over
   * the root of the two rating counts; ties to the lower index), with their co-counts, and the
   * lowest cosine kept when the list is full ({@code cut}; 0 when every co-rated movie is kept).
   */
  public record Lists(int[][] neighbour, int[][] count, double[] cut) {}

  /**
   * @param histories each user's items (catalog indices, any order)
   * @param popularity ratings per catalog item: the diagonal of G
   */
  public static Lists lists(List<int[]> histories, long[] popularity, int kept) {
    int n = popularity.length;
    int[][] sorted = histories.stream().map(h -> sortedCopy(h)).toArray(int[][]::new);
    int[][] neighbour = new int[n][];
    int[][] count = new int[n][];
    double[] cut = new double[n];
    int rows = rowBlock(n);
    int blocks = (n + rows - 1) / rows;
    IntStream.range(0, blocks)
        .parallel()
        .forEach(
            b -> {
              int from = b * rows;
              int to = Math.min(n, from + rows);
              int[] g = new int[(to - from) * n];
              for (int[] h : sorted) {
                int lo = lowerBound(h, from);
                for (int p = lo; p < h.length && h[p] < to; p++) {
                  int o = (h[p] - from) * n;
                  for (int c : h) {
                    g[o + c]++;
                  }
                }
              }
              for (int i = from; i < to; i++) {
                TopK top = new TopK(kept);
                int o = (i - from) * n;
                for (int c = 0; c < n && popularity[i] > 0; c++) {
                  int co = g[o + c];
                  if (c != i && co > 0) {
                    top.offer(co / Math.sqrt((double) popularity[i] * popularity[c]), c, co);
                  }
                }
                int[] best = top.bestFirst();
                neighbour[i] = new int[best.length];
                count[i] = new int[best.length];
                for (int k = 0; k < best.length; k++) {
                  neighbour[i][k] = top.neighbor(best[k]);
                  count[i][k] = top.coCount(best[k]);
                }
                cut[i] = best.length == kept ? top.score(best[best.length - 1]) : 0;
              }
            });
    return new Lists(neighbour, count, cut);
  }

  /**
   * Fits the model: {@code l} neighbours a column, L2 weight {@code lambda}. Movies nobody rated
   * are never ranked; the rest are all scored.
   */
  public static ItemScorer.Sparse fit(
      String name, List<int[]> histories, long[] popularity, int l, int kept, double lambda) {
    return fit(name, lists(histories, popularity, Math.max(l, kept)), popularity, l, lambda);
  }

  /** The model from lists already made (by {@link #lists}, with at least l entries a movie). */
  public static ItemScorer.Sparse fit(
      String name, Lists lists, long[] popularity, int l, double lambda) {
    int n = popularity.length;
    double[][] column = new double[n][];
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(n, l));
    IntStream.range(0, n)
        .parallel()
        .forEach(
            j ->
                column[j] =
                    solve(
                        j,
                        Arrays.copyOf(
                            lists.neighbour()[j], Math.min(l, lists.neighbour()[j].length)),
                        lists,
                        popularity,
                        lambda,
                        scratch.get()));
    return rows(name, lists, column, popularity);
  }

  /** A thread's reused arrays: where each movie sits in the current column's system, and it. */
  private static final class Scratch {
    final int[] position;
    final double[] system;

    Scratch(int n, int l) {
      position = new int[n];
      Arrays.fill(position, -1);
      system = new double[l * l];
    }
  }

  /** B[N, j] for column j: the L x L ridge system from the kept counts. */
  static double[] solve(int j, int[] nb, Lists lists, long[] popularity, double lambda, Scratch s) {
    int l = nb.length;
    if (l == 0) {
      return new double[0];
    }
    int[] position = s.position;
    for (int a = 0; a < l; a++) {
      position[nb[a]] = a;
    }
    double[] m = s.system;
    Arrays.fill(m, 0, l * l, 0);
    // G[a, b] is kept when either movie's list holds the other: each list is read once.
    for (int a = 0; a < l; a++) {
      int i = nb[a];
      m[a * l + a] = popularity[i] + lambda;
      int[] other = lists.neighbour()[i];
      int[] count = lists.count()[i];
      for (int p = 0; p < other.length; p++) {
        int b = position[other[p]];
        if (b >= 0) {
          m[a * l + b] = count[p];
          m[b * l + a] = count[p];
        }
      }
    }
    double[] cut = lists.cut();
    // A dropped pair's cosine is at most the smaller of its movies' cuts; adding that bound on its
    // count to both
    // diagonals for every pair of N missing from the kept counts makes the system diagonally
    // compensated, so positive definite like G[N, N] + lambda I itself (a pruned G need not be).
    for (int a = 0; a < l; a++) {
      double extra = 0;
      for (int b = 0; b < l; b++) {
        if (b != a && m[a * l + b] == 0) {
          extra +=
              Math.min(cut[nb[a]], cut[nb[b]])
                  * Math.sqrt((double) popularity[nb[a]] * popularity[nb[b]]);
        }
      }
      m[a * l + a] += extra;
    }
    double[] x = new double[l];
    int[] rhs = lists.count()[j];
    for (int a = 0; a < l; a++) {
      x[a] = rhs[a];
    }
    for (int a = 0; a < l; a++) {
      position[nb[a]] = -1;
    }
    intW info = new intW(0);
    LAPACK.getInstance().dposv("L", l, 1, m, l, x, l, info);
    if (info.val != 0) {
      throw new IllegalStateException(
          "sparse EASE: the system of movie " + j + " is not positive definite (" + info.val + ")");
    }
    return x;
  }

  /** B in compressed rows: what movie i adds to each j whose column holds it. */
  private static ItemScorer.Sparse rows(
      String name, Lists lists, double[][] column, long[] popularity) {
    int n = popularity.length;
    int[] start = new int[n + 1];
    for (int j = 0; j < n; j++) {
      for (int a = 0; a < column[j].length; a++) {
        start[lists.neighbour()[j][a] + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    int[] target = new int[start[n]];
    float[] weight = new float[start[n]];
    int[] fill = Arrays.copyOf(start, n);
    for (int j = 0; j < n; j++) {
      int[] nb = lists.neighbour()[j];
      for (int a = 0; a < column[j].length; a++) {
        int p = fill[nb[a]]++;
        target[p] = j;
        weight[p] = (float) column[j][a];
      }
    }
    float[] fallback = new float[n];
    for (int c = 0; c < n; c++) {
      fallback[c] = popularity[c] > 0 ? -UNREACHED / (1 + popularity[c]) : Float.NEGATIVE_INFINITY;
    }
    return new ItemScorer.Sparse(name, start, target, weight, fallback);
  }

  /**
   * What an item no history reaches scores: just under 0 (EASE would give it about 0), more rated
   * first, below every item some history item weighs positively and above those weighed down.
   */
  static final float UNREACHED = 1e-6f;

  private static int[] sortedCopy(int[] h) {
    int[] s = h.clone();
    Arrays.sort(s);
    return s;
  }

  private static int lowerBound(int[] sorted, int key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
