package movierec.recommend;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import movierec.model.Gemm;
import movierec.similarity.TopK;
import org.apache.spark.sql.Row;

/**
 * Rows of one side of {@link BlockedTopN}, sorted by id, as primitive arrays (vectors row-major),
 * and the kernel that scores one block against another: single-precision matrix products of at most
 * {@link #ROWS} x {@link #COLS} scores ({@link Gemm}), then a bounded top-n per row.
 */
final class VectorBlock implements Serializable {
  /** Left rows per matrix product. */
  static final int ROWS = 256;

  /** Right rows per matrix product: a score tile is at most ROWS x COLS floats (16 MB). */
  static final int COLS = 16_384;

  private static final long serialVersionUID = 1L;
  final int[] ids;
  final float[] vectors;
  final double[] shifts;
  final int[][] exclude;
  final int dim;

  private VectorBlock(int[] ids, float[] vectors, double[] shifts, int[][] exclude, int dim) {
    this.ids = ids;
    this.vectors = vectors;
    this.shifts = shifts;
    this.exclude = exclude;
    this.dim = dim;
  }

  int size() {
    return ids.length;
  }

  /**
   * One input row: the vector (unit-normalised for cosine), sorted excludes. Rows enter shuffles
   * and broadcasts as these primitive arrays, not as Rows of boxed floats: deserialising those cost
   * more than the scoring itself.
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

    /** From a row of id, vector, shift[, exclude]. */
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

  static VectorBlock of(Iterable<Entry> entries) {
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
            "vector of id " + ids[i] + " has " + e.vector.length + " dimensions, expected " + dim);
      }
      System.arraycopy(e.vector, 0, vec, i * dim, dim);
      shifts[i] = e.shift;
      exclude[i] = e.exclude;
    }
    return new VectorBlock(ids, vec, shifts, exclude, dim);
  }

  /** Blocks of at most {@code rows} consecutive entries in id order. */
  static List<VectorBlock> cut(List<Entry> entries, int rows) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingInt(e -> e.id));
    List<VectorBlock> out = new ArrayList<>();
    for (int from = 0; from < sorted.size(); from += rows) {
      out.add(of(sorted.subList(from, Math.min(sorted.size(), from + rows))));
    }
    return out;
  }

  /** One TopK of {@code n} per row. */
  static TopK[] tops(int rows, int n) {
    TopK[] t = new TopK[rows];
    for (int i = 0; i < rows; i++) {
      t[i] = new TopK(n);
    }
    return t;
  }

  /**
   * Offers every right row to this block's rows: {@code tops[i]} keeps row i's best by score =
   * shifts + dot (its excluded ids skipped, ties to the lower right id), and {@code fans[j]}, when
   * not null, keeps right row j's best rows of this block by the plain dot product. Each (left,
   * right) pair is scored once, for both. Call once per right block; the TopKs carry over.
   */
  void score(VectorBlock right, TopK[] tops, TopK[] fans) {
    int br = right.ids.length;
    if (ids.length == 0 || br == 0) {
      return;
    }
    if (right.dim != dim) {
      throw new IllegalArgumentException(
          "left vectors have " + dim + " dimensions, right " + right.dim);
    }
    int cols = Math.min(COLS, br);
    float[] dots = new float[Math.min(ROWS, ids.length) * cols];
    for (int j0 = 0; j0 < br; j0 += cols) {
      int width = Math.min(cols, br - j0);
      for (int i0 = 0; i0 < ids.length; i0 += ROWS) {
        int rows = Math.min(ROWS, ids.length - i0);
        Gemm.abt(vectors, i0 * dim, right.vectors, j0 * dim, dots, rows, dim, width);
        for (int t = 0; t < rows; t++) {
          offer(i0 + t, right, j0, width, dots, t * width, tops[i0 + t], fans);
        }
      }
    }
  }

  /** Left row i against right rows j0..j0+width, whose dot products start at dots[o]. */
  private void offer(
      int i, VectorBlock right, int j0, int width, float[] dots, int o, TopK top, TopK[] fans) {
    int[] ex = exclude[i];
    int cursor = 0;
    for (int w = 0; w < width; w++) {
      int j = j0 + w;
      double dot = dots[o + w];
      if (fans != null && fans[j].wouldKeep(dot, ids[i])) {
        fans[j].offer(dot, ids[i]);
      }
      double score = shifts[i] + right.shifts[j] + dot;
      int rid = right.ids[j];
      // Most candidates fall below the kept n: test that before the exclusion list, whose cursor
      // only moves forward since right ids arrive in increasing order.
      if (top.wouldKeep(score, rid)) {
        if (ex != null) {
          while (cursor < ex.length && ex[cursor] < rid) {
            cursor++;
          }
          if (cursor < ex.length && ex[cursor] == rid) {
            continue;
          }
        }
        top.offer(score, rid);
      }
    }
  }
}
