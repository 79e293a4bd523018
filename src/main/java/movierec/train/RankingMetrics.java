package movierec.train;

import java.util.Arrays;

/**
 * Top-K metrics of one user's ranked list against the user's relevant items (binary relevance).
 * {@code ranked} is best first and already free of the user's training items; {@code relevant} is
 * sorted. Users with no relevant item have no defined recall or NDCG and are left out by the caller
 * (and counted), never scored as zero.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /** Whether each of the first k positions holds a relevant item. */
  static boolean[] hits(int[] ranked, int[] relevant, int k) {
    boolean[] h = new boolean[Math.min(k, ranked.length)];
    for (int i = 0; i < h.length; i++) {
      h[i] = Arrays.binarySearch(relevant, ranked[i]) >= 0;
    }
    return h;
  }

  static int count(boolean[] hits) {
    int c = 0;
    for (boolean b : hits) {
      c += b ? 1 : 0;
    }
    return c;
  }

  /** Relevant items in the top k, over k (a list shorter than k still divides by k). */
  public static double precision(int[] ranked, int[] relevant, int k) {
    return (double) count(hits(ranked, relevant, k)) / k;
  }

  /** Relevant items in the top k, over all of the user's relevant items. */
  public static double recall(int[] ranked, int[] relevant, int k) {
    return (double) count(hits(ranked, relevant, k)) / relevant.length;
  }

  /** DCG of the top k (gain 1 / log2(position + 1)) over the DCG of an ideal list. */
  public static double ndcg(int[] ranked, int[] relevant, int k) {
    boolean[] h = hits(ranked, relevant, k);
    double dcg = 0;
    for (int i = 0; i < h.length; i++) {
      if (h[i]) {
        dcg += discount(i);
      }
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(k, relevant.length); i++) {
      ideal += discount(i);
    }
    return dcg / ideal;
  }

  /** Average precision at k: mean of precision@i over the hit positions i, over min(k, |rel|). */
  public static double averagePrecision(int[] ranked, int[] relevant, int k) {
    boolean[] h = hits(ranked, relevant, k);
    double sum = 0;
    int found = 0;
    for (int i = 0; i < h.length; i++) {
      if (h[i]) {
        found++;
        sum += (double) found / (i + 1);
      }
    }
    return sum / Math.min(k, relevant.length);
  }

  /** 1 when the top k holds any relevant item. */
  public static double hitRate(int[] ranked, int[] relevant, int k) {
    return count(hits(ranked, relevant, k)) > 0 ? 1 : 0;
  }

  private static double discount(int position) {
    return 1 / (Math.log(position + 2) / Math.log(2));
  }
}
