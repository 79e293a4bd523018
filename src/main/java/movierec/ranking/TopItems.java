package movierec.ranking;

import movierec.similarity.TopK;

/** One user's best unseen items from a scorer: the step evaluation and serving share. */
public final class TopItems {
  private TopItems() {}

  /**
   * The {@code n} best catalog items for one user, highest score first, ties to the lower index.
   * Items in {@code exclude} and items scored negative infinity are never listed.
   *
   * @param history what the scorer may use (catalog indices)
   * @param exclude what the user must not be offered (catalog indices)
   * @param vector the user's vector, for scorers that need one (null when the user has none)
   * @param buf scratch space, one slot per catalog item
   */
  public static TopK best(
      ItemScorer scorer, int[] history, int[] exclude, float[] vector, float[] buf, int n) {
    scorer.score(history, vector, buf);
    for (int e : exclude) {
      buf[e] = Float.NEGATIVE_INFINITY;
    }
    TopK top = new TopK(n);
    for (int i = 0; i < buf.length; i++) {
      if (buf[i] != Float.NEGATIVE_INFINITY && top.wouldKeep(buf[i], i)) {
        top.offer(buf[i], i);
      }
    }
    return top;
  }
}
