package movierec.jobs;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What builds each pipeline stage by name, each wrapped to record its commit in the run manifest.
 */
public final class Stages {
  private static final Map<String, BiFunction<AppConfig, LocalDate, Job>> FACTORIES = factories();

  private Stages() {}

  private static Map<String, BiFunction<AppConfig, LocalDate, Job>> factories() {
    Map<String, BiFunction<AppConfig, LocalDate, Job>> m = new LinkedHashMap<>();
    m.put(IngestJob.NAME, IngestJob::new);
    m.put(FeaturesJob.NAME, FeaturesJob::new);
    m.put(SimilarityJob.NAME, SimilarityJob::new);
    m.put(TrainJob.NAME, TrainJob::new);
    m.put(RecommendJob.NAME, RecommendJob::new);
    m.put(EvaluateJob.NAME, EvaluateJob::new);
    for (String s : StageOrder.NAMES) {
      if (!m.containsKey(s)) {
        throw new IllegalStateException(
            StageOrder.RESOURCE + " names " + s + ", which is no stage");
      }
    }
    return Map.copyOf(m);
  }

  /** Builds stage {@code name} for one run. */
  public static Job create(String name, AppConfig config, LocalDate runDate) {
    BiFunction<AppConfig, LocalDate, Job> f = FACTORIES.get(name);
    if (f == null) {
      throw new IllegalStateException("pipeline stage " + name + " is not a job");
    }
    return new RecordedStage(name, f.apply(config, runDate), config, runDate);
  }

  /** The command line of stage {@code name} (no options of its own). */
  static JobCommand command(String name) {
    if (!FACTORIES.containsKey(name)) {
      throw new IllegalStateException("pipeline stage " + name + " is not a job");
    }
    return new StageCommand(name);
  }
}
