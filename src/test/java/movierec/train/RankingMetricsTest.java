package movierec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import movierec.ranking.ListQuality;
import org.junit.jupiter.api.Test;

/** The metric functions against values worked out by hand. */
class RankingMetricsTest {
  private static final double LOG2_3 = Math.log(3) / Math.log(2);
  private static final double LOG2_4 = 2;

  @Test
  void precisionRecallHitRate() {
    int[] ranked = {7, 3, 9, 1};
    int[] relevant = {1, 3, 5};
    assertEquals(0.5, RankingMetrics.precision(ranked, relevant, 2), 1e-12);
    assertEquals(2 / 3.0, RankingMetrics.recall(ranked, relevant, 4), 1e-12);
    assertEquals(1 / 3.0, RankingMetrics.recall(ranked, relevant, 2), 1e-12);
    assertEquals(1.0, RankingMetrics.hitRate(ranked, relevant, 2), 1e-12);
    assertEquals(0.0, RankingMetrics.hitRate(ranked, relevant, 1), 1e-12);
    // A list shorter than k still divides by k.
    assertEquals(2 / 10.0, RankingMetrics.precision(ranked, relevant, 10), 1e-12);
  }

  @Test
  void ndcgByHand() {
    // Hits at positions 2 and 4: DCG = 1/log2(3) + 1/log2(5); ideal (3 relevant, k = 4):
    // 1 + 1/log2(3) + 1/log2(4).
    int[] ranked = {7, 3, 9, 1};
    int[] relevant = {1, 3, 5};
    double dcg = 1 / LOG2_3 + 1 / (Math.log(5) / Math.log(2));
    double ideal = 1 + 1 / LOG2_3 + 1 / LOG2_4;
    assertEquals(dcg / ideal, RankingMetrics.ndcg(ranked, relevant, 4), 1e-12);
    // k below the number of relevant items: the ideal has k hits.
    assertEquals((1 / LOG2_3) / (1 + 1 / LOG2_3), RankingMetrics.ndcg(ranked, relevant, 2), 1e-12);
    assertEquals(1.0, RankingMetrics.ndcg(new int[] {3, 1, 5}, relevant, 3), 1e-12);
  }

  @Test
  void averagePrecisionByHand() {
    // Hits at 2 and 4: (1/2 + 2/4) / min(4, 3).
    assertEquals(
        (0.5 + 0.5) / 3,
        RankingMetrics.averagePrecision(new int[] {7, 3, 9, 1}, new int[] {1, 3, 5}, 4),
        1e-12);
  }

  @Test
  void tiedScoresRankTheLowerMovieFirstSoNdcgIsDeterministic() {
    // Movies 10, 20, 30 all score 1.0; 20 is the one relevant item. Ties go to the lower
    // catalog index (the lower id), so 20 sits at position 2 whatever order scores arrive in.
    movierec.ranking.Catalog catalog =
        new movierec.ranking.Catalog(new int[] {10, 20, 30}, new long[3]);
    float[] scores = {1f, 1f, 1f};
    for (int[] arrival : new int[][] {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}}) {
      movierec.similarity.TopK top = new movierec.similarity.TopK(3);
      for (int i : arrival) {
        top.offer(scores[i], i);
      }
      int[] order = top.bestFirst();
      int[] ranked = new int[order.length];
      for (int i = 0; i < order.length; i++) {
        ranked[i] = top.neighbor(order[i]);
      }
      assertArrayEquals(new int[] {0, 1, 2}, ranked);
      assertEquals(1 / LOG2_3, RankingMetrics.ndcg(ranked, catalog.indices(List.of(20)), 3), 1e-12);
    }
  }

  @Test
  void noveltyAndDiversity() {
    // 3 training users; item 0 rated by all (-log2(4/4) = 0), item 1 by none (-log2(1/4) = 2).
    assertEquals(1.0, ListQuality.novelty(new int[] {0, 1}, 2, new long[] {3, 0}, 3), 1e-12);
    // Genres {a,b} and {b,c}: Jaccard 1/3, diversity 2/3; identical sets: 0.
    long[] masks = {0b011, 0b110, 0b011};
    assertEquals(2 / 3.0, ListQuality.genreDiversity(new int[] {0, 1}, 2, masks), 1e-12);
    assertEquals(0.0, ListQuality.genreDiversity(new int[] {0, 2}, 2, masks), 1e-12);
    assertEquals(0.0, ListQuality.genreDiversity(new int[] {0}, 5, masks), 1e-12);
  }
}
