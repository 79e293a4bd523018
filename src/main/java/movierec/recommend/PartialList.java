package movierec.recommend;

import java.io.Serializable;
import movierec.similarity.TopK;

/** A list best first, of at most n ids: one block's part of a row's top-n, merged with others. */
final class PartialList implements Serializable {
  private static final long serialVersionUID = 1L;
  final int[] ids;
  final double[] scores;

  PartialList(int[] ids, double[] scores) {
    this.ids = ids;
    this.scores = scores;
  }

  static PartialList of(TopK top) {
    int[] order = top.bestFirst();
    int[] ids = new int[order.length];
    double[] scores = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      ids[i] = top.neighbor(order[i]);
      scores[i] = top.score(order[i]);
    }
    return new PartialList(ids, scores);
  }

  /** Merges two best-first lists (same ranking rule as {@link TopK}), keeping n. */
  PartialList merge(PartialList o, int n) {
    int size = Math.min(n, ids.length + o.ids.length);
    int[] mi = new int[size];
    double[] ms = new double[size];
    int a = 0;
    int b = 0;
    for (int r = 0; r < size; r++) {
      boolean takeA =
          b >= o.ids.length
              || (a < ids.length
                  && (scores[a] > o.scores[b] || (scores[a] == o.scores[b] && ids[a] < o.ids[b])));
      if (takeA) {
        mi[r] = ids[a];
        ms[r] = scores[a++];
      } else {
        mi[r] = o.ids[b];
        ms[r] = o.scores[b++];
      }
    }
    return new PartialList(mi, ms);
  }
}
