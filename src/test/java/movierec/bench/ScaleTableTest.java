package movierec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTableTest {
  private static ScaleTable.Row row(String size, String stage, double s, String date) {
    return new ScaleTable.Row(size, stage, s, date, "abc", "1 MB", "0 KB", "2 MB", "3 GB", "1 GB");
  }

  @Test
  void aRunReplacesItsSizesRowsAndKeepsTheOthersWithTheirDates() {
    List<ScaleTable.Row> first =
        ScaleTable.merge(
            List.of(),
            List.of(
                row("1M", "ingest", 10, "2026-12-01"),
                row("1M", "train", 100, "2026-12-01"),
                row("25M", "ingest", 300, "2026-12-01")));
    String file = String.join("\n", ScaleTable.render(first)) + "\n\nmore text\n";
    List<ScaleTable.Row> parsed = ScaleTable.parse(file);
    assertEquals(first, parsed, "what render writes, parse reads back");

    List<ScaleTable.Row> second =
        ScaleTable.merge(
            parsed,
            List.of(
                row("25M", "ingest", 250, "2026-12-07"), row("25M", "train", 2500, "2026-12-07")));
    List<String> lines = ScaleTable.render(second);
    // 1M kept (2 stages + pipeline), 25M replaced (2 stages + pipeline).
    assertEquals(2 + 6, lines.size(), String.join("\n", lines));
    String kept =
        "| 1M | ingest | 10.0 | 1.0 | 1.00 | 2026-12-01 | abc | 1 MB | 0 KB | 2 MB | 3 GB";
    assertTrue(lines.contains(kept + " | 1 GB |"), String.join("\n", lines));
    double ratings = 25_000_000 / 1_000_209.0;
    assertTrue(
        lines.contains(
            String.format(
                java.util.Locale.ROOT,
                "| 25M | train | 2500.0 | 25.0 | %.2f | 2026-12-07 | abc | 1 MB | 0 KB | 2 MB"
                    + " | 3 GB | 1 GB |",
                25 / ratings)),
        String.join("\n", lines));
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("| 25M | **pipeline** | 2750.0 | 25.0 |")),
        String.join("\n", lines));
    assertTrue(lines.stream().noneMatch(l -> l.contains("| 300.0 |")), "the old 25M row is gone");
  }
}
