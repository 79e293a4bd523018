package movierec.train;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import movierec.config.Settings;
import movierec.model.ModelConfig;

/**
 * Settings of the train job, read from {@code train.*}; see reference.conf for each.
 *
 * @param model the embedding regressor to train (the tutorial's when {@code preset = tutorial})
 * @param tutorialPreset whether the tutorial preset is trained too, for comparison
 * @param ranker the two-tower ranker to train (the same towers, the ranking objective), or empty
 * @param rankerValidationUsers validation users the ranker's NDCG@10 is measured on, at most
 */
public record TrainConfig(
    String splitMethod,
    double testFraction,
    double validationFraction,
    long splitSeed,
    int partitions,
    boolean tutorialPreset,
    String checkpointDir,
    ModelConfig model,
    BaselineConfig baselines,
    Optional<ModelConfig> ranker,
    int rankerValidationUsers) {

  /** This config with training checkpoints under {@code dir}. */
  public TrainConfig withCheckpointDir(String dir) {
    return new TrainConfig(
        splitMethod,
        testFraction,
        validationFraction,
        splitSeed,
        partitions,
        tutorialPreset,
        dir,
        model,
        baselines,
        ranker,
        rankerValidationUsers);
  }

  /** Reads and checks {@code train.*} of the resolved config. */
  public static TrainConfig from(Config root) {
    Settings s = Settings.at(root, "train");
    Settings split = s.sub("split");
    double test = split.fraction("test-fraction");
    double validation = split.fraction("validation-fraction");
    if (test + validation >= 1) {
      throw s.bad("split", "test-fraction + validation-fraction must leave training data");
    }
    Settings m = s.sub("model");
    String preset = m.oneOf("preset", Set.of("default", "tutorial"));
    ModelConfig model =
        preset.equals("tutorial") ? ModelConfig.tutorial(m.longValue("seed")) : regressor(m);
    Settings ranker = s.sub("ranker");
    return new TrainConfig(
        split.oneOf("method", Set.of("random", "temporal")),
        test,
        validation,
        split.longValue("seed"),
        s.positive("partitions"),
        s.bool("tutorial-preset") && preset.equals("default"),
        s.nonBlank("checkpoint-dir"),
        model,
        BaselineConfig.from(s.sub("baselines")),
        ranker.bool("enabled") ? Optional.of(ranker(ranker, model)) : Optional.empty(),
        ranker.positive("validation-users"));
  }

  /** The embedding regressor: {@code train.model}. */
  private static ModelConfig regressor(Settings m) {
    List<Integer> windows = m.ints("windows");
    int titleLength = m.positive("title-length");
    if (windows.isEmpty() || windows.stream().anyMatch(w -> w < 1 || w > titleLength)) {
      throw m.bad("windows", "must be a non-empty list of sizes in [1, title-length]");
    }
    checkTraining(m);
    int patience = m.integer("patience");
    if (patience < 0) {
      throw m.bad("patience", "must be 0 (never stop early) or more");
    }
    return new ModelConfig(
        m.positive("user-id-dim"),
        m.positive("demographic-dim"),
        m.positive("tower-dim"),
        m.positive("movie-id-dim"),
        m.positive("genre-dim"),
        m.positive("word-dim"),
        titleLength,
        m.positive("filters"),
        windows.stream().mapToInt(Integer::intValue).toArray(),
        m.positive("vector-dim"),
        m.number("dropout"),
        m.bool("biases"),
        m.number("learning-rate"),
        m.decay("learning-rate-decay"),
        m.positive("batch-size"),
        m.positive("max-epochs"),
        patience,
        m.nonNegativeDouble("min-improvement"),
        m.fraction("averaging"),
        m.number("l2-embedding"),
        m.number("l2-dense"),
        m.fraction("id-dropout"),
        m.positive("syncs-per-epoch"),
        m.longValue("seed"),
        ModelConfig.Objective.RATING,
        m.nonNegative("history-dim"),
        1.0,
        m.fraction("history-dropout"),
        1.0,
        m.nonNegative("user-ratings-dim"),
        m.nonNegative("movie-ratings-dim"),
        m.nonNegative("max-bag"));
  }

  /**
   * The ranker ({@code train.ranker}): the regressor's towers (its title and genre sizes and vector
   * width; its own id, tower and history widths) and its own training settings.
   */
  private static ModelConfig ranker(Settings r, ModelConfig towers) {
    checkTraining(r);
    if (!(r.number("temperature") > 0)) {
      throw r.bad("temperature", "must be positive");
    }
    return new ModelConfig(
        r.positive("user-id-dim"),
        towers.demographicDim(),
        r.positive("tower-dim"),
        r.positive("movie-id-dim"),
        towers.genreDim(),
        towers.wordDim(),
        towers.titleLength(),
        towers.filters(),
        towers.windows(),
        towers.vectorDim(),
        r.number("dropout"),
        r.bool("biases"),
        r.number("learning-rate"),
        r.decay("learning-rate-decay"),
        r.positive("batch-size"),
        r.positive("max-epochs"),
        r.nonNegative("patience"),
        r.nonNegativeDouble("min-improvement"),
        r.fraction("averaging"),
        r.number("l2-embedding"),
        r.number("l2-dense"),
        r.fraction("id-dropout"),
        r.positive("syncs-per-epoch"),
        r.longValue("seed"),
        ModelConfig.Objective.RANKING,
        r.nonNegative("history-dim"),
        r.number("temperature"),
        r.fraction("history-dropout"),
        r.nonNegativeDouble("log-q-weight"),
        0,
        0,
        r.nonNegative("max-bag"));
  }

  /** The training settings both models share: dropout, learning rate, L2 weights. */
  private static void checkTraining(Settings s) {
    double dropout = s.number("dropout");
    if (!(dropout >= 0 && dropout < 1)) {
      throw s.bad("dropout", "must be in [0, 1), got " + dropout);
    }
    double lr = s.number("learning-rate");
    if (!(lr > 0)) {
      throw s.bad("learning-rate", "must be positive, got " + lr);
    }
    for (String k : List.of("l2-embedding", "l2-dense")) {
      if (!(s.number(k) >= 0)) {
        throw s.bad(k, "must be 0 or more");
      }
    }
  }
}
