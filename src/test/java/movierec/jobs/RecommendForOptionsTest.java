package movierec.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import movierec.cli.UsageException;
import org.junit.jupiter.api.Test;

class RecommendForOptionsTest {
  private static RecommendForOptions parse(String... args) {
    return ((RecommendForOptions) JobArgs.parse("recommend-for", args)).check();
  }

  @Test
  void theFourQuestions() {
    assertEquals(RecommendForOptions.Question.USER, parse("--user", "234").question());
    assertEquals(234, parse("--user", "234").id());
    assertEquals(
        RecommendForOptions.Question.SIMILAR, parse("--movie", "1401", "--similar").question());
    assertEquals(
        RecommendForOptions.Question.ALSO_LIKED,
        parse("--movie", "1401", "--also-liked").question());
    RecommendForOptions nu =
        parse("--new-user", "gender=F,age=25,occupation=4,genres=Comedy|Romance");
    assertEquals(RecommendForOptions.Question.NEW_USER, nu.question());
    assertEquals(
        Map.of("gender", "F", "age", "25", "occupation", "4", "genres", "Comedy|Romance"),
        nu.newUser());
    assertEquals(List.of("Comedy", "Romance"), nu.genres());
    RecommendForOptions p = parse("--user", "1", "--pick", "5", "--from", "20", "--seed", "7");
    assertEquals(20, p.pool());
  }

  @Test
  void badQuestionsAreUsageErrors() {
    for (String[] bad :
        new String[][] {
          {},
          {"--user", "1", "--movie", "2", "--similar"},
          {"--movie", "2"},
          {"--movie", "2", "--similar", "--also-liked"},
          {"--user", "x"},
          {"--user", "-3"},
          {"--user"},
          {"--user", "1", "--similar"},
          {"--user", "1", "--pick", "5"},
          {"--user", "1", "--pick", "21", "--from", "20"},
          {"--new-user", "gender"},
          {"--new-user", "colour=red"},
          {"--new-user", "age=old"},
          {"--user", "1", "--frobnicate"}
        }) {
      assertThrows(UsageException.class, () -> parse(bad), String.join(" ", bad));
    }
  }

  @Test
  void pickIsWeightedReproducibleAndWithoutRepeats() {
    List<RecommendForJob.Entry> pool = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      pool.add(new RecommendForJob.Entry(100 + i, 20 - i, null));
    }
    List<RecommendForJob.Entry> a = RecommendForJob.pick(pool, 5, 7);
    assertEquals(a, RecommendForJob.pick(pool, 5, 7), "same seed, same picks");
    assertEquals(5, a.stream().map(RecommendForJob.Entry::movieId).distinct().count());
    assertNotEquals(a, RecommendForJob.pick(pool, 5, 8), "another seed, other picks");
    // Weighted by score: over many seeds the best entry is picked more often than the worst.
    int best = 0;
    int worst = 0;
    for (long seed = 0; seed < 2000; seed++) {
      List<RecommendForJob.Entry> p = RecommendForJob.pick(pool, 5, seed);
      best += p.contains(pool.get(0)) ? 1 : 0;
      worst += p.contains(pool.get(19)) ? 1 : 0;
    }
    assertTrue(best > 2 * worst, "best " + best + ", worst " + worst);
  }
}
