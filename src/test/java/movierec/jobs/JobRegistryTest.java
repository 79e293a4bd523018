package movierec.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobRegistryTest {
  @Test
  void namesAreUniqueAndEveryPipelineStageIsAJob() {
    Set<String> names = new HashSet<>();
    for (JobRegistry.Entry e : JobRegistry.all()) {
      assertTrue(names.add(e.name()), "duplicate job " + e.name());
      assertTrue(e.name().matches("[a-z][a-z0-9-]*"), e.name());
    }
    assertTrue(names.containsAll(StageOrder.NAMES));
    assertTrue(names.contains("pipeline"));
    assertEquals(
        List.of("ingest", "features", "similarity", "train", "recommend", "evaluate"),
        StageOrder.NAMES);
  }

  @Test
  void pipelineUntilAStageRunsTheStagesUpToItAndRefusesANonStage() {
    var config = movierec.jobs.ConfigLoader.load(List.of(), java.util.Map.of());
    var day = java.time.LocalDate.of(2026, 12, 1);
    movierec.cli.UsageException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            movierec.cli.UsageException.class,
            () -> JobArgs.create(config, day, "pipeline", "--until", "deploy"));
    assertTrue(e.getMessage().contains("--until deploy is not a pipeline stage"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        movierec.cli.UsageException.class,
        () -> JobArgs.create(config, day, "pipeline", "--after", "train"));
    org.junit.jupiter.api.Assertions.assertDoesNotThrow(
        () -> JobArgs.create(config, day, "pipeline", "--until", "train"));
  }
}
