package movierec.ranking;

/** Beyond-accuracy measures of one ranked list (catalog indices, best first). */
public final class ListQuality {
  private ListQuality() {}

  /**
   * Mean self-information of the top k: -log2((raters + 1) / (users + 1)) per item, so a movie
   * every training user rated scores 0 and rarer movies score higher.
   */
  public static double novelty(int[] ranked, int k, long[] popularity, long users) {
    int n = Math.min(k, ranked.length);
    if (n == 0) {
      return 0;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += -Math.log((popularity[ranked[i]] + 1.0) / (users + 1.0)) / Math.log(2);
    }
    return s / n;
  }

  /** Mean over pairs of the top k of 1 - Jaccard(genres); genres as bit masks. 0 below 2 items. */
  public static double genreDiversity(int[] ranked, int k, long[] genreMasks) {
    int n = Math.min(k, ranked.length);
    if (n < 2) {
      return 0;
    }
    double s = 0;
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        long x = genreMasks[ranked[a]];
        long y = genreMasks[ranked[b]];
        int union = Long.bitCount(x | y);
        s += union == 0 ? 0 : 1 - (double) Long.bitCount(x & y) / union;
      }
    }
    return s / (n * (n - 1) / 2.0);
  }
}
