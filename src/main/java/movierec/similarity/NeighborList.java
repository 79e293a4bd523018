package movierec.similarity;

import java.io.Serializable;

/**
 * Some neighbours of one entity for one kind, best first (score descending, ties to the lower
 * neighbour id): what one block pair contributes. Lists of the same (id, kind) from different block
 * pairs are merged with {@link #merge}, which keeps the order and at most k entries, so the final
 * ranking never sorts one row per candidate. {@code coCounts} is null for content.
 */
public record NeighborList(int id, String kind, int[] neighbors, double[] scores, int[] coCounts)
    implements Serializable {

  /** A list from the (unordered) entries of a {@link TopK}. */
  static NeighborList of(int id, Kind kind, TopK top, boolean withCounts) {
    Integer[] order = new Integer[top.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order, (a, b) -> compare(top.score(a), top.neighbor(a), top.score(b), top.neighbor(b)));
    int[] n = new int[order.length];
    double[] s = new double[order.length];
    int[] c = withCounts ? new int[order.length] : null;
    for (int i = 0; i < order.length; i++) {
      n[i] = top.neighbor(order[i]);
      s[i] = top.score(order[i]);
      if (c != null) {
        c[i] = top.coCount(order[i]);
      }
    }
    return new NeighborList(id, kind.code(), n, s, c);
  }

  /** Negative when (s1, n1) ranks before (s2, n2). */
  static int compare(double s1, int n1, double s2, int n2) {
    int c = Double.compare(s2, s1);
    return c != 0 ? c : Integer.compare(n1, n2);
  }

  int size() {
    return neighbors.length;
  }

  /** The best {@code k} of two lists of the same (id, kind); k &lt;= 0 keeps all. */
  static NeighborList merge(NeighborList a, NeighborList b, int k) {
    int total = a.size() + b.size();
    int size = k > 0 ? Math.min(k, total) : total;
    int[] n = new int[size];
    double[] s = new double[size];
    int[] c = a.coCounts == null ? null : new int[size];
    int i = 0;
    int j = 0;
    for (int o = 0; o < size; o++) {
      boolean takeA =
          j >= b.size()
              || (i < a.size()
                  && compare(a.scores[i], a.neighbors[i], b.scores[j], b.neighbors[j]) <= 0);
      NeighborList from = takeA ? a : b;
      int at = takeA ? i++ : j++;
      n[o] = from.neighbors[at];
      s[o] = from.scores[at];
      if (c != null) {
        c[o] = from.coCounts[at];
      }
    }
    return new NeighborList(a.id, a.kind, n, s, c);
  }
}
