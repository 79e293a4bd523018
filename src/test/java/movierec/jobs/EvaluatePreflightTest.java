package movierec.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import movierec.io.Preflight;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** EASE's driver memory is checked before the run, against this JVM's heap. */
class EvaluatePreflightTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

  private static EvaluateJob job(String maxItems) {
    return new EvaluateJob(
        IngestTestSupport.config(Path.of("in"), Path.of("wh"), "ranking.ease-max-items", maxItems),
        DAY);
  }

  @Test
  void tooManyEaseItemsForTheHeapFailUpFrontWithTheSettingsToChange() {
    Preflight.PreflightException e =
        assertThrows(
            Preflight.PreflightException.class, () -> job("40000").preflight(new Configuration()));
    assertTrue(e.getMessage().contains("EASE over ranking.ease-max-items = 40000"), e.getMessage());
    assertTrue(e.getMessage().contains("Raise launch.driver-memory to 73g"), e.getMessage());
  }

  @Test
  void theDefaultFitsTheDefaultTwoGigabyteDriver() {
    assertDoesNotThrow(() -> job("4000").preflight(new Configuration()));
    // Runtime.maxMemory() of -Xmx2g is a little under 2 GB; half of it must hold EASE at 4,000.
    assertTrue(movierec.ranking.ItemItem.peakBytes(4000) < (1900L << 20) / 2);
  }
}
