package movierec.evaluate;

import java.io.Serializable;

/**
 * A ranking model as the evaluation sees it: scores for every catalog item (by catalog index) for
 * one user, from the user's history (catalog indices of training and validation items) and, for
 * vector models, the user's vector. Implementations are immutable and shipped to the executors.
 */
public interface ItemScorer extends Serializable {
  String name();

  /** Whether {@link #score} needs the user's vector of this model. */
  default boolean needsVector() {
    return false;
  }

  /**
   * Fills {@code out} (one slot per catalog item). {@code vector} is null when the model has no
   * vector for the user; items the model cannot score get negative infinity.
   */
  void score(int[] history, float[] vector, float[] out);

  /** A fixed score per item, the same for every user: popularity, the bias baseline. */
  record Static(String name, float[] scores) implements ItemScorer {
    @Override
    public void score(int[] history, float[] vector, float[] out) {
      System.arraycopy(scores, 0, out, 0, out.length);
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
   * item's kept neighbours (compressed rows: neighbours of item i at start[i]..start[i+1]).
   */
  record Knn(String name, int[] start, int[] neighbour, float[] similarity) implements ItemScorer {
    @Override
    public void score(int[] history, float[] vector, float[] out) {
      java.util.Arrays.fill(out, 0f);
      for (int h : history) {
        for (int p = start[h]; p < start[h + 1]; p++) {
          out[neighbour[p]] += similarity[p];
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
