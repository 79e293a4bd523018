package movierec.ranking;

import java.io.Serializable;

/**
 * A ranking model, as recommend serves it and evaluate measures it: scores for every catalog item
 * (by catalog index) for one user, from the user's history (catalog indices of the items the model
 * may use) and, for vector models, the user's vector. Implementations are immutable and shipped to
 * the executors.
 */
public interface ItemScorer extends Serializable {
  String name();

  /** Whether {@link #score} needs the user's vector of {@link #vectorModel}. */
  default boolean needsVector() {
    return false;
  }

  /** The model whose user vector {@link #score} takes (user_vectors.model). */
  default String vectorModel() {
    return name();
  }

  /**
   * Fills {@code out} (one slot per catalog item). {@code vector} is null when the model has no
   * vector for the user; items the model cannot score get negative infinity.
   */
  void score(int[] history, float[] vector, float[] out);

  /**
   * Scores a block of users at once: row u of {@code out} (catalog-size slots from {@code u x
   * size}) is what {@link #score} gives user u. {@code vectors} (null, or with null rows) as in
   * {@link #score}. Vector models override it with one matrix product for the whole block; the
   * others score user by user.
   */
  default void scoreBlock(int[][] histories, float[][] vectors, int users, float[] out) {
    int size = out.length / Math.max(1, users);
    float[] row = new float[size];
    for (int u = 0; u < users; u++) {
      score(histories[u], vectors == null ? null : vectors[u], row);
      System.arraycopy(row, 0, out, u * size, size);
    }
  }

  /**
   * A fixed score per item, the same for every user: popularity, the bias baseline. An item scored
   * negative infinity (a movie the bias baseline never saw) is never ranked.
   */
  record Static(String name, float[] scores) implements ItemScorer {
    @Override
    public void score(int[] history, float[] vector, float[] out) {
      System.arraycopy(scores, 0, out, 0, out.length);
    }

    @Override
    public void scoreBlock(int[][] histories, float[][] vectors, int users, float[] out) {
      for (int u = 0; u < users; u++) {
        System.arraycopy(scores, 0, out, u * scores.length, scores.length);
      }
    }
  }

  /**
   * A linear blend of two models' scores, each standardised over the user's candidates (mean 0,
   * standard deviation 1, so that scales as unlike as EASE's and a dot product's mix): {@code
   * weight x a + (1 - weight) x b}. An item either model never ranks is never ranked. At most
   * {@code b} needs a vector.
   */
  record Blend(String name, ItemScorer a, ItemScorer b, double weight) implements ItemScorer {
    public Blend {
      if (a.needsVector()) {
        throw new IllegalArgumentException("a blend takes a vector model second: " + a.name());
      }
    }

    @Override
    public boolean needsVector() {
      return b.needsVector();
    }

    @Override
    public String vectorModel() {
      return b.vectorModel();
    }

    @Override
    public void score(int[] history, float[] vector, float[] out) {
      scoreBlock(new int[][] {history}, new float[][] {vector}, 1, out);
    }

    @Override
    public void scoreBlock(int[][] histories, float[][] vectors, int users, float[] out) {
      float[] other = new float[out.length];
      a.scoreBlock(histories, null, users, out);
      b.scoreBlock(histories, vectors, users, other);
      int size = out.length / Math.max(1, users);
      for (int u = 0; u < users; u++) {
        combine(out, other, u * size, size);
      }
    }

    /** out[from..from+len) = weight x standardised out + (1 - weight) x standardised other. */
    private void combine(float[] out, float[] other, int from, int len) {
      standardise(out, from, len);
      standardise(other, from, len);
      for (int i = from; i < from + len; i++) {
        out[i] = (float) (weight * out[i] + (1 - weight) * other[i]);
      }
    }

    /** To mean 0 and standard deviation 1 over the finite scores; infinities stay. */
    private static void standardise(float[] s, int from, int len) {
      double sum = 0;
      double sq = 0;
      int n = 0;
      for (int i = from; i < from + len; i++) {
        float v = s[i];
        if (Float.isFinite(v)) {
          sum += v;
          sq += (double) v * v;
          n++;
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double sd = n == 0 ? 1 : Math.sqrt(Math.max(sq / n - mean * mean, 0));
      double scale = sd > 0 ? 1 / sd : 1;
      for (int i = from; i < from + len; i++) {
        if (Float.isFinite(s[i])) {
          s[i] = (float) ((s[i] - mean) * scale);
        }
      }
    }
  }

  /**
   * user . item + item bias: the embedding regressor, the tutorial preset, ALS, the ranker. A block
   * of users is one single-precision matrix product against every item ({@link
   * movierec.model.Gemm}); a user alone is scored as a block of one.
   */
  record Vectors(String name, int dim, float[] items, float[] bias) implements ItemScorer {
    @Override
    public boolean needsVector() {
      return true;
    }

    @Override
    public void score(int[] history, float[] vector, float[] out) {
      scoreBlock(new int[][] {history}, new float[][] {vector}, 1, out);
    }

    @Override
    public void scoreBlock(int[][] histories, float[][] vectors, int users, float[] out) {
      int n = bias.length;
      // A user without a vector is a zero row: bias only.
      float[] u = new float[users * dim];
      for (int r = 0; r < users; r++) {
        if (vectors != null && vectors[r] != null) {
          System.arraycopy(vectors[r], 0, u, r * dim, dim);
        }
      }
      movierec.model.Gemm.abt(u, 0, items, 0, out, users, dim, n);
      for (int r = 0; r < users; r++) {
        int o = r * n;
        for (int i = 0; i < n; i++) {
          out[o + i] =
              Float.isNaN(bias[i])
                  ? Float.NEGATIVE_INFINITY
                  : (float) (bias[i] + (double) out[o + i]);
        }
      }
    }
  }

  /**
   * A sparse item-item model (item-kNN, sparse EASE): the sum of the weights from the user's items
   * to each candidate, over every item's kept entries (compressed rows: what item i adds, at
   * start[i]..start[i+1]). Items no entry of the history reaches get {@code fallback}: without it
   * they would all score 0 and the lowest ids would fill a short list.
   */
  record Sparse(String name, int[] start, int[] target, float[] weight, float[] fallback)
      implements ItemScorer {
    @Override
    public void score(int[] history, float[] vector, float[] out) {
      java.util.Arrays.fill(out, Float.NaN);
      for (int h : history) {
        for (int p = start[h]; p < start[h + 1]; p++) {
          int j = target[p];
          out[j] = Float.isNaN(out[j]) ? weight[p] : out[j] + weight[p];
        }
      }
      for (int i = 0; i < out.length; i++) {
        if (Float.isNaN(out[i])) {
          out[i] = fallback[i];
        }
      }
    }
  }

  /**
   * EASE: score_j = sum over the user's items i of B[i][j], over the m items the model covers
   * ({@code index} maps a catalog index to a row of B, or -1).
   */
  record Ease(String name, int[] index, int m, float[] b) implements ItemScorer {
    @Override
    public void score(int[] history, float[] vector, float[] out) {
      float[] row = new float[m];
      for (int h : history) {
        int i = index[h];
        if (i >= 0) {
          int o = i * m;
          for (int j = 0; j < m; j++) {
            row[j] += b[o + j];
          }
        }
      }
      for (int c = 0; c < out.length; c++) {
        out[c] = index[c] >= 0 ? row[index[c]] : Float.NEGATIVE_INFINITY;
      }
    }
  }
}
