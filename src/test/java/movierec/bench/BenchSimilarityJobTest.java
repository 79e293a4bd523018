package movierec.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import movierec.cli.UsageException;
import movierec.jobs.AppConfig;
import movierec.jobs.ConfigLoader;
import movierec.jobs.JobArgs;
import org.junit.jupiter.api.Test;

class BenchSimilarityJobTest {
  private static final AppConfig CONFIG = ConfigLoader.load(List.of(), Map.of());

  private static BenchSimilarityJob job(String... args) {
    return JobArgs.create(CONFIG, LocalDate.EPOCH, "bench-similarity", args);
  }

  @Test
  void optionsAreCheckedBeforeAnyWork() {
    assertDoesNotThrow(() -> job("--side", "user", "--runs", "1", "--caps", "500"));
    UsageException side = assertThrows(UsageException.class, () -> job("--side", "both"));
    assertTrue(side.getMessage().contains("movie or user"), side.getMessage());
    UsageException runs = assertThrows(UsageException.class, () -> job("--runs", "0"));
    assertTrue(runs.getMessage().contains("positive"), runs.getMessage());
    assertThrows(UsageException.class, () -> job("--caps", "1,x"));
    assertThrows(UsageException.class, () -> job("--sides", "user"));
  }

  @Test
  void recallCountsTheExactEntriesTheCappedListsKept() {
    java.util.Map<Integer, java.util.Set<Long>> exact =
        java.util.Map.of(1, java.util.Set.of(2L, 3L), 2, java.util.Set.of(4L));
    assertEquals(
        1.0 / 3, BenchSimilarityJob.recall(exact, java.util.Map.of(1, java.util.Set.of(2L, 9L))));
    assertEquals(1.0, BenchSimilarityJob.recall(exact, exact));
    assertEquals(0.0, BenchSimilarityJob.recall(exact, java.util.Map.of()));
    assertEquals(1.0, BenchSimilarityJob.recall(java.util.Map.of(), java.util.Map.of()));
  }
}
