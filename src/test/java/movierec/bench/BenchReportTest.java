package movierec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  @TempDir Path tmp;

  @Test
  void theReportCarriesDateCommitMachineSettingsAndFigures() {
    BenchReport r = new BenchReport("bench-x", "./submit.sh bench-x").setting("k", 50);
    r.line("ours %.2f s", 1.5);
    assertEquals(
        "# bench-x\n\nWritten by `./submit.sh bench-x`; a rerun replaces this file.\n\n"
            + "- date: 2026-12-01T05:00:00Z\n- commit: abc\n- machine: m\n- k: 50\n\n"
            + "```\nours 1.50 s\n```\n",
        r.markdown("abc", "m", Instant.parse("2026-12-01T05:00:00.123Z")));
  }

  @Test
  void aRerunReplacesTheFileAndLeavesNothingElse() throws Exception {
    BenchReport first = new BenchReport("bench-x", "cmd");
    first.line("first");
    first.write(tmp);
    BenchReport second = new BenchReport("bench-x", "cmd").markdownLines();
    second.line("| a | b |");
    Path file = second.write(tmp);
    String text = Files.readString(file);
    assertTrue(text.contains("\n| a | b |\n"), text);
    assertFalse(text.contains("first") || text.contains("```"), text);
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }
}
