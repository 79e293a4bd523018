package movierec.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import movierec.cli.UsageException;
import movierec.config.AppConfig;
import movierec.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class BenchSimilarityJobTest {
  private static final AppConfig CONFIG = ConfigLoader.load(List.of(), Map.of());

  private static BenchSimilarityJob job(String... args) {
    return new BenchSimilarityJob(CONFIG, LocalDate.EPOCH, List.of(args));
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
}
