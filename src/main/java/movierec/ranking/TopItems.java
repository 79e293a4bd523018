package movierec.ranking;

import movierec.similarity.TopK;

/** One user's best unseen items from a scorer: the step evaluation and serving share. */
public final class TopItems {
  private TopItems() {}

  /**
   * The {@code n} best of the scores {@code scores[from..from+size)} (one user's row of a block),
   * as catalog indices; the excluded slots are overwritten with negative infinity.
   */
  public static TopK best(float[] scores, int from, int size, int[] exclude, int n) {
    for (int e : exclude) {
      scores[from + e] = Float.NEGATIVE_INFINITY;
    }
    TopK top = new TopK(n);
    for (int i = 0; i < size; i++) {
      float s = scores[from + i];
      if (s != Float.NEGATIVE_INFINITY && top.wouldKeep(s, i)) {
        top.offer(s, i);
      }
    }
    return top;
  }

  /** A vector column's value (array of floats) as the float[] a scorer takes. */
  public static float[] vector(java.util.List<Float> v) {
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }

  /**
   * Users scored per block: a block's score rows hold at most about 4M floats (16 MB), and at most
   * 256 users (enough for the matrix products to run at BLAS speed).
   */
  public static int blockUsers(int catalogSize) {
    return Math.max(1, Math.min(256, (1 << 22) / Math.max(1, catalogSize)));
  }
}
