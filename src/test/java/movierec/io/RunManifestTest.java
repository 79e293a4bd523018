package movierec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunManifestTest {
  private static final List<String> STAGES = List.of("ingest", "train");
  private static final LocalDate D1 = LocalDate.parse("2026-11-29");
  private static final LocalDate D2 = LocalDate.parse("2026-11-30");
  private static final LocalDate D3 = LocalDate.parse("2026-12-01");

  @TempDir Path tmp;

  private final Configuration conf = new Configuration();

  private void commit(String stage, LocalDate d) throws Exception {
    Files.createDirectories(tmp.resolve(stage + "_table").resolve("run_date=" + d));
    RunManifest.write(
        conf,
        tmp.toString(),
        stage,
        d,
        List.of(new RunManifest.TableRows(stage + "_table", 42)),
        "abc",
        Instant.parse("2026-12-01T10:00:00Z"),
        Instant.parse("2026-12-01T10:01:00Z"));
  }

  @Test
  void aManifestSaysWhatTheJobWrote() throws Exception {
    commit("ingest", D1);
    String json = Files.readString(tmp.resolve("_runs/ingest/run_date=2026-11-29/manifest.json"));
    assertTrue(json.contains("\"job\": \"ingest\""), json);
    assertTrue(json.contains("{\"table\": \"ingest_table\", \"rows\": 42}"), json);
    assertTrue(json.contains("\"settings_sha256\": \"abc\""), json);
    assertTrue(json.contains("\"started\": \"2026-12-01T10:00:00Z\""), json);
    assertTrue(json.contains("\"code_version\": "), json);
    try (var files = Files.list(tmp.resolve("_runs/ingest/run_date=2026-11-29"))) {
      assertEquals(
          List.of("manifest.json"),
          files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".crc")).toList(),
          "no temporary file left behind");
    }
  }

  @Test
  void theRunIsMarkedOnlyWhenEveryStageCommittedAndNeverMovesBack() throws Exception {
    String wh = tmp.toString();
    commit("ingest", D2);
    assertEquals(Optional.empty(), RunManifest.markIfComplete(conf, wh, STAGES, D2));
    assertEquals(Optional.empty(), RunManifest.latest(conf, wh));
    commit("train", D2);
    assertEquals(Optional.of(D2), RunManifest.markIfComplete(conf, wh, STAGES, D2));
    assertEquals(Optional.of(D2), RunManifest.latest(conf, wh));
    commit("ingest", D1);
    commit("train", D1);
    assertEquals(Optional.of(D2), RunManifest.markIfComplete(conf, wh, STAGES, D1), "a rerun");
    assertEquals(Optional.of(D2), RunManifest.latest(conf, wh));

    commit("ingest", D3);
    assertEquals(Optional.of(D2), RunManifest.latestComplete(conf, wh, STAGES, D3));
    assertEquals(Optional.of(D1), RunManifest.latestComplete(conf, wh, STAGES, D1));
    assertEquals(Optional.empty(), RunManifest.latestComplete(conf, wh, STAGES, D1.minusDays(1)));
  }

  @Test
  void pruningKeepsTheNewestCompleteRunsAndEverythingAfterThem() throws Exception {
    String wh = tmp.toString();
    for (LocalDate d : List.of(D1, D2)) {
      commit("ingest", d);
      commit("train", d);
    }
    commit("ingest", D3);
    assertEquals(
        List.of(),
        RunManifest.prune(conf, wh, STAGES, 2, RunManifestTest::noDelta),
        "two complete runs: kept");
    assertEquals(List.of(D1), RunManifest.prune(conf, wh, STAGES, 1, RunManifestTest::noDelta));
    assertFalse(Files.exists(tmp.resolve("ingest_table/run_date=2026-11-29")));
    assertFalse(Files.exists(tmp.resolve("_runs/train/run_date=2026-11-29")));
    assertTrue(Files.exists(tmp.resolve("ingest_table/run_date=2026-11-30")));
    assertTrue(
        Files.exists(tmp.resolve("ingest_table/run_date=2026-12-01")),
        "a newer, incomplete run is kept");
  }

  private static List<LocalDate> noDelta(org.apache.hadoop.fs.Path table, LocalDate oldestKept) {
    throw new AssertionError("no Delta table here, yet asked to prune " + table);
  }
}
