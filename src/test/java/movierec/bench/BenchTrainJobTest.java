package movierec.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import movierec.cli.UsageException;
import movierec.jobs.ConfigLoader;
import movierec.jobs.JobArgs;
import org.junit.jupiter.api.Test;

class BenchTrainJobTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 27);

  @Test
  void optionsAreCheckedBeforeSparkStarts() {
    var c = ConfigLoader.load(List.of(), java.util.Map.of());
    assertDoesNotThrow(
        () -> JobArgs.create(c, DAY, "bench-train", "--epochs", "3", "--skip-default"));
    for (List<String> bad :
        List.of(
            List.of("--epochs"),
            List.of("--epochs", "0"),
            List.of("--epochs", "many"),
            List.of("--fast"))) {
      assertThrows(
          UsageException.class,
          () -> JobArgs.create(c, DAY, "bench-train", bad.toArray(String[]::new)),
          bad.toString());
    }
  }
}
