package movierec.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {
  private static List<String> drain(TopK t) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      out.add(t.score(i) + "@" + t.neighbor(i));
    }
    Collections.sort(out);
    return out;
  }

  @Test
  void keepsTheBestAndBreaksTiesToTheLowerIdWhateverTheOrder() {
    List<double[]> candidates = new ArrayList<>();
    for (int n = 1; n <= 20; n++) {
      candidates.add(new double[] {n % 3 == 0 ? 0.5 : 0.25, n});
    }
    // scores 0.5 at 3, 6, 9, 12, 15, 18: the best four are 3, 6, 9, 12
    List<String> expected = List.of("0.5@12", "0.5@3", "0.5@6", "0.5@9");
    Random rnd = new Random(3);
    for (int round = 0; round < 20; round++) {
      Collections.shuffle(candidates, rnd);
      TopK t = new TopK(4);
      candidates.forEach(c -> t.offer(c[0], (int) c[1], 0));
      assertEquals(expected, drain(t));
    }
  }

  @Test
  void wouldKeepAnswersAsOfferActs() {
    TopK t = new TopK(2);
    assertTrue(t.wouldKeep(-5, 9), "room left: anything is kept");
    t.offer(0.5, 3);
    t.offer(0.25, 8);
    assertFalse(t.wouldKeep(0.1, 1), "below the worst kept");
    assertFalse(t.wouldKeep(0.25, 9), "tied with the worst kept, higher id");
    assertTrue(t.wouldKeep(0.25, 5), "tied with the worst kept, lower id");
    assertTrue(t.wouldKeep(0.3, 9));
    assertTrue(new TopK(0).wouldKeep(-5, 9), "threshold mode keeps everything");
  }

  @Test
  void fewerCandidatesThanKAreAllKept() {
    TopK t = new TopK(5);
    t.offer(0.1, 7, 2);
    t.offer(-0.3, 4, 1);
    assertEquals(List.of("-0.3@4", "0.1@7"), drain(t));
  }
}
