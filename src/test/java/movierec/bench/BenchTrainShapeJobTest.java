package movierec.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import movierec.cli.UsageException;
import movierec.jobs.ConfigLoader;
import movierec.jobs.JobArgs;
import org.junit.jupiter.api.Test;

class BenchTrainShapeJobTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);

  @Test
  void optionsAreCheckedBeforeSparkStarts() {
    var c = ConfigLoader.load(List.of(), Map.of());
    assertDoesNotThrow(
        () -> JobArgs.create(c, DAY, "bench-train-shape", "--sizes", "1M,32M", "--examples", "9"));
    for (List<String> bad :
        List.of(List.of("--sizes", "7M"), List.of("--examples", "0"), List.of("--fast"))) {
      assertThrows(
          UsageException.class,
          () -> JobArgs.create(c, DAY, "bench-train-shape", bad.toArray(String[]::new)),
          bad.toString());
    }
  }

  @Test
  void theShapeHasItsCountsAndAPopularHead() {
    ShapeFeatures s = new ShapeFeatures(300, 200, 20_000, 5, 64, 7);
    assertEquals(20_000, s.ratings.size());
    assertEquals(300, s.features.users());
    assertEquals(200, s.features.movies());
    long[] perMovie = s.features.movieCounts();
    long head = perMovie[0] + perMovie[1] + perMovie[2] + perMovie[3];
    assertTrue(head > 20_000 / 10, "the four most popular movies hold over a tenth: " + head);
    assertTrue(s.movieBag > 0 && s.movieBag <= 64, "capped bag " + s.movieBag);
  }
}
