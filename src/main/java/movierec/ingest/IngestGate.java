package movierec.ingest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Whether an ingest may replace the run date's partitions, decided from the line counts alone: a
 * run with too many rejects, or a file with no valid record, fails and writes nothing, since
 * committing it would replace a good partition with a worse one.
 */
public final class IngestGate {
  private IngestGate() {}

  /** Logs how every line of every file was accounted for. */
  public static void log(List<Ingest.FileCount> counts, Logger log) {
    for (Ingest.FileCount c : counts) {
      log.info(
          "{}: {} lines read = {} clean + {} rejected + {} header{}",
          c.file(),
          c.lines(),
          c.clean(),
          c.rejects(),
          c.headers(),
          c.byReason().isEmpty() ? "" : "; rejects by reason " + c.byReason());
    }
  }

  /**
   * Fails with a message that says what to fix when more than {@code maxRejectFraction} of the data
   * lines (headers aside) were rejected, or when a file has no valid record, however small its
   * share of the lines.
   */
  public static void check(List<Ingest.FileCount> counts, double maxRejectFraction, String input) {
    long data = counts.stream().mapToLong(c -> c.lines() - c.headers()).sum();
    long rejected = counts.stream().mapToLong(Ingest.FileCount::rejects).sum();
    if (data > 0 && rejected > maxRejectFraction * data) {
      Map<String, Long> reasons =
          counts.stream()
              .flatMap(c -> c.byReason().entrySet().stream())
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
      throw new IngestException(
          String.format(
              "%d of %d lines (%.2f%%) were rejected, more than ingest.max-reject-fraction = %s;"
                  + " nothing was written. Rejects by reason: %s. Fix the input at %s, or raise"
                  + " ingest.max-reject-fraction if these rejects are expected.",
              rejected, data, 100.0 * rejected / data, maxRejectFraction, reasons, input));
    }
    for (Ingest.FileCount c : counts) {
      if (c.clean() == 0) {
        throw new IngestException(
            String.format(
                "%s has no valid records (%d lines read, %d rejected%s); nothing was written. Fix"
                    + " the file at %s.",
                c.file(),
                c.lines(),
                c.rejects(),
                c.byReason().isEmpty() ? "" : ": " + c.byReason(),
                input));
      }
    }
  }
}
