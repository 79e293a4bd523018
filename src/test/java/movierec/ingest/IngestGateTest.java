package movierec.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision to commit an ingest, from its line counts: no Spark needed. */
class IngestGateTest {
  private static Ingest.FileCount file(String name, long clean, long rejects, long headers) {
    return new Ingest.FileCount(
        name,
        clean + rejects + headers,
        clean,
        rejects,
        headers,
        rejects == 0 ? Map.of() : Map.of("bad_rating", rejects));
  }

  @Test
  void rejectsUpToTheFractionPassAndHeadersAreNotData() {
    // 10 rejects of 100 data lines: exactly the limit; the 50 header lines would dilute it.
    List<Ingest.FileCount> counts = List.of(file("ratings.csv", 90, 10, 50));
    assertDoesNotThrow(() -> IngestGate.check(counts, 0.10, "/in"));
    IngestException e =
        assertThrows(IngestException.class, () -> IngestGate.check(counts, 0.09, "/in"));
    assertTrue(e.getMessage().startsWith("10 of 100 lines (10.00%) were rejected"), e.getMessage());
    assertTrue(e.getMessage().contains("ingest.max-reject-fraction = 0.09"), e.getMessage());
    assertTrue(e.getMessage().contains("{bad_rating=10}"), e.getMessage());
    assertTrue(e.getMessage().contains("/in"), e.getMessage());
  }

  @Test
  void aFileWithNoValidRecordFailsHoweverSmallItsShare() {
    List<Ingest.FileCount> counts =
        List.of(file("ratings.dat", 10_000, 0, 0), file("users.dat", 0, 2, 0));
    IngestException e =
        assertThrows(IngestException.class, () -> IngestGate.check(counts, 0.5, "/in"));
    assertTrue(
        e.getMessage().startsWith("users.dat has no valid records (2 lines read, 2 rejected"),
        e.getMessage());
    assertThrows(
        IngestException.class,
        () -> IngestGate.check(List.of(file("movies.dat", 0, 0, 0)), 0.5, "/in"),
        "an empty file too");
  }
}
