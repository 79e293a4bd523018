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
   * A fixed score per item, the same for every user: popularity, the bias baseline. An item scored
   * negative infinity (a movie the bias baseline never saw) is never ranked.
   */
  record Static(String name, float[] scores) implements ItemScorer {
    @Override
    public void score(int[] history, float[] vector, float[] out) {
      System.arraycopy(scores, 0, out, 0, out.length);
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
      float[] other = new float[out.length];
      a.score(history, null, out);
      b.score(history, vector, other);
      standardise(out);
      standardise(other);
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (weight * out[i] + (1 - weight) * other[i]);
      }
    }

    /** To mean 0 and standard deviation 1 over the finite scores; infinities stay. */
    private static void standardise(float[] s) {
      double sum = 0;
      double sq = 0;
      int n = 0;
      for (float v : s) {
        if (Float.isFinite(v)) {
          sum += v;
          sq += (double) v * v;
          n++;
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double sd = n == 0 ? 1 : Math.sqrt(Math.max(sq / n - mean * mean, 0));
      double scale = sd > 0 ? 1 / sd : 1;
      for (int i = 0; i < s.length; i++) {
        if (Float.isFinite(s[i])) {
          s[i] = (float) ((s[i] - mean) * scale);
        }
      }
    }
  }

  /** user . item + item bias: the embedding regressor, the tutorial preset, ALS. */
  record Vectors(String name, int dim, float[] items, float[] bias) implements ItemScorer {
    @Override
    public boolean needsVector() {
      return true;
    }

    @Override
    public void score(int[] history, float[] vector, float[] out) {
      for (int i = 0; i < out.length; i++) {
        if (Float.isNaN(bias[i])) {
          out[i] = Float.NEGATIVE_INFINITY;
          continue;
        }
        double s = bias[i];
        if (vector != null) {
          int o = i * dim;
          for (int k = 0; k < dim; k++) {
            s += vector[k] * items[o + k];
          }
        }
        out[i] = (float) s;
      }
    }
  }

  /**
   * Item-kNN: the sum of the similarities between the user's items and each candidate, over every
   * item's kept neighbours (compressed rows: neighbours of item i at start[i]..start[i+1]). Items
   * no neighbour list reaches get {@code fallback} (negative, so below every reached item): without
   * it they would all score 0 and the lowest ids would fill a short list.
   */
  record Knn(String name, int[] start, int[] neighbour, float[] similarity, float[] fallback)
      implements ItemScorer {
    @Override
    public void score(int[] history, float[] vector, float[] out) {
      java.util.Arrays.fill(out, 0f);
      for (int h : history) {
        for (int p = start[h]; p < start[h + 1]; p++) {
          out[neighbour[p]] += similarity[p];
        }
      }
      // Kept similarities are cosines of positive co-counts, so a reached item sums above 0.
      for (int i = 0; i < out.length; i++) {
        if (out[i] == 0f) {
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
