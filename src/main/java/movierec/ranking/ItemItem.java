package movierec.ranking;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Arrays;
import java.util.List;
import org.netlib.util.intW;

/**
 * The item-item ranking models, fitted on the driver from the training split: item-kNN (cosine of
 * co-rating counts) and EASE (Steck 2019, "Embarrassingly Shallow Autoencoders": B = I - P /
 * diag(P) with P = (X'X + lambda I)^-1, zero diagonal).
 *
 * <p>EASE uses the dense co-rating count matrix X'X of the m most rated movies (m =
 * ease-max-items): 8 m^2 bytes, sum over users of min(activity, m)^2 / 2 additions to build; its
 * Cholesky inverse costs about m^3 / 3 + m^3 / 3 flops (3,700 movies: ~30 s in pure-Java LAPACK).
 * Item-kNN reads the sparse best-first lists of {@link SparseEase#lists} instead and covers every
 * rated movie.
 */
public final class ItemItem {
  private ItemItem() {}

  /**
   * The driver memory EASE and kNN hold at once for m items: the counts (8 m^2), their inverse (8
   * m^2), B as floats (4 m^2) and its broadcast copy (4 m^2).
   */
  public static long peakBytes(int m) {
    return 24L * m * m;
  }

  /**
   * The most items a derived ease-max-items covers: the dense solve's m^3 grows fastest (8,000
   * movies: 3.4e11 flops, 1.5 GB at once), so past this a sparse model is the way, not more heap.
   */
  public static final int DERIVED_MAX_ITEMS = 8000;

  /** The most items whose EASE fits in {@code bytes} ({@link #peakBytes}), at most 8,000. */
  public static int itemsFitting(long bytes) {
    return (int) Math.max(1, Math.min(DERIVED_MAX_ITEMS, (long) Math.sqrt(bytes / 24.0)));
  }

  /** Fails before any work when EASE over m items would not fit in half the driver heap. */
  public static void checkDriverHeap(int m) {
    movierec.io.Preflight.driverHeapFits(
        "EASE over ranking.ease-max-items = " + m + " movies",
        peakBytes(m),
        String.format(
            "Raise launch.driver-memory to %dg or more, or lower ranking.ease-max-items.",
            (2 * peakBytes(m) >> 30) + 2));
  }

  /** Co-rating counts of the covered items; index maps a catalog index to a row, or -1. */
  public record Gram(int[] index, int m, double[] counts) {}

  /**
   * @param histories each user's training items (catalog indices)
   * @param popularity training ratings per catalog item
   */
  public static Gram gram(List<int[]> histories, long[] popularity, int maxItems) {
    int n = popularity.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Most rated first, ties to the lower index; movies nobody rated are never covered.
    Arrays.sort(
        order,
        (a, b) ->
            popularity[a] != popularity[b] ? Long.compare(popularity[b], popularity[a]) : a - b);
    int[] index = new int[n];
    Arrays.fill(index, -1);
    int m = 0;
    for (int i = 0; i < n && m < maxItems && popularity[order[i]] > 0; i++) {
      index[order[i]] = m++;
    }
    // Rows in catalog order, so the covered set maps to increasing rows.
    int r = 0;
    for (int c = 0; c < n; c++) {
      if (index[c] >= 0) {
        index[c] = r++;
      }
    }
    double[] g = new double[m * m];
    int[] rows = new int[n];
    for (int[] h : histories) {
      int len = 0;
      for (int c : h) {
        if (index[c] >= 0) {
          rows[len++] = index[c];
        }
      }
      for (int a = 0; a < len; a++) {
        int o = rows[a] * m;
        for (int b = 0; b < len; b++) {
          g[o + rows[b]] += 1;
        }
      }
    }
    return new Gram(index, m, g);
  }

  /** EASE with L2 weight {@code lambda}. */
  public static ItemScorer.Ease ease(String name, Gram gram, double lambda) {
    int m = gram.m();
    double[] p = gram.counts().clone();
    for (int i = 0; i < m; i++) {
      p[i * m + i] += lambda;
    }
    intW info = new intW(0);
    LAPACK.getInstance().dpotrf("L", m, p, Math.max(1, m), info);
    if (info.val != 0) {
      throw new IllegalStateException(
          "EASE: X'X + lambda I is not positive definite (" + info.val + ")");
    }
    LAPACK.getInstance().dpotri("L", m, p, Math.max(1, m), info);
    if (info.val != 0) {
      throw new IllegalStateException("EASE: inverting X'X + lambda I failed (" + info.val + ")");
    }
    // Column-major "L" is the row-major upper triangle: mirror it.
    for (int r = 0; r < m; r++) {
      for (int c = r + 1; c < m; c++) {
        p[c * m + r] = p[r * m + c];
      }
    }
    float[] b = new float[m * m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        b[i * m + j] = i == j ? 0f : (float) (-p[i * m + j] / p[j * m + j]);
      }
    }
    return new ItemScorer.Ease(name, gram.index(), m, b);
  }

  /**
   * Item-kNN keeping each item's k most cosine-similar items, from the best-first lists of {@link
   * SparseEase#lists} (at least k entries an item), so it covers every rated item whatever their
   * number; items no list reaches rank after the reached ones, most rated first ({@code
   * popularity}: ratings per catalog item).
   */
  public static ItemScorer.Sparse knn(
      String name, SparseEase.Lists lists, int k, long[] popularity) {
    int n = popularity.length;
    int[] start = new int[n + 1];
    for (int c = 0; c < n; c++) {
      start[c + 1] = start[c] + Math.min(k, lists.neighbour()[c].length);
    }
    int[] neighbour = new int[start[n]];
    float[] sim = new float[start[n]];
    for (int c = 0; c < n; c++) {
      for (int p = start[c]; p < start[c + 1]; p++) {
        int j = lists.neighbour()[c][p - start[c]];
        neighbour[p] = j;
        sim[p] =
            (float)
                (lists.count()[c][p - start[c]]
                    / Math.sqrt((double) popularity[c] * popularity[j]));
      }
    }
    float[] fallback = new float[n];
    for (int c = 0; c < n; c++) {
      fallback[c] = -1f / (1 + popularity[c]);
    }
    return new ItemScorer.Sparse(name, start, neighbour, sim, fallback);
  }
}
