package movierec.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import movierec.SparkTestSupport;

/**
 * The ingest of the real ML-1M files of ../shared/data/ml-1m with the default settings, run once
 * per test JVM on first use and shared by the tests that start from it ({@link IngestJobTest} reads
 * it, {@link SimilarityJobTest} copies it). Nobody writes to it; it is deleted when the JVM exits.
 */
final class Ml1mIngest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 27);

  private static Path warehouse;

  private Ml1mIngest() {}

  static Path input() {
    return SparkTestSupport.dataDir().resolve("ml-1m");
  }

  /** The warehouse holding the ingest's tables, made on the first call. */
  static synchronized Path warehouse() {
    if (warehouse == null) {
      try {
        Path dir = IngestTestSupport.tempDirDeletedAtExit("movierec-ml1m-ingest");
        new IngestJob(IngestTestSupport.config(input(), dir), DAY).run(SparkTestSupport.spark());
        warehouse = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return warehouse;
  }
}
