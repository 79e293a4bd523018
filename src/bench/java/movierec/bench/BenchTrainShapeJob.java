package movierec.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.cli.Converters;
import movierec.jobs.AppConfig;
import movierec.jobs.Job;
import movierec.jobs.JobCommand;
import movierec.model.ModelConfig;
import movierec.model.ModelState;
import movierec.model.RatingShard;
import movierec.model.ReplicaTrainer;
import movierec.model.TwoTowerModel;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * bench-train-shape: one replica's training steps (one thread, no Spark) of the configured
 * regressor and ranker on synthetic data of each size's shape ({@link ShapeFeatures}), in samples/s
 * and against the first size. A step's work is bounded by the bag cap, so a slower step at a larger
 * shape is the cost of its tables: rows that no longer fit the caches, and the Adam updates of the
 * rows a batch touches (a batch's movies' raters cover most users).
 */
public final class BenchTrainShapeJob implements Job {
  public static final String NAME = "bench-train-shape";

  private final AppConfig config;
  private final List<ScaleSize> sizes;
  private final int examples;

  /** bench-train-shape's options. */
  static final class Options extends JobCommand {
    @Mixin ShapeSizes sizes = new ShapeSizes();

    @Option(
        names = "--examples",
        paramLabel = "N",
        converter = Converters.PositiveInt.class,
        description = "Training examples per timed round (default: ${DEFAULT-VALUE}).")
    int examples = 30_000;

    @Override
    public Job create(AppConfig config, LocalDate runDate) {
      return new BenchTrainShapeJob(config, sizes.sizes(), examples);
    }
  }

  BenchTrainShapeJob(AppConfig config, List<ScaleSize> sizes, int examples) {
    this.config = config;
    this.sizes = List.copyOf(sizes);
    this.examples = examples;
  }

  @Override
  public void run(SparkSession spark) {
    Map<String, ModelConfig> models = new LinkedHashMap<>();
    models.put("regressor", config.train().model());
    config.train().ranker().ifPresent(r -> models.put("ranker", r));
    ModelConfig regressor = config.train().model();
    BenchReport report =
        new BenchReport(NAME, "./submit.sh " + NAME + " --sizes ...")
            .setting("examples per timed round", examples)
            .setting("train.model.max-bag", regressor.maxBag())
            .setting("train.model.batch-size", regressor.batchSize());
    Map<String, Double> first = new LinkedHashMap<>();
    for (ScaleSize size : sizes) {
      var spec = size.spec();
      ShapeFeatures data =
          new ShapeFeatures(
              spec.users(),
              spec.movies(),
              (int) spec.ratings(),
              regressor.titleLength(),
              regressor.maxBag(),
              spec.seed());
      for (var e : models.entrySet()) {
        double rate = samplesPerSecond(e.getValue(), data);
        first.putIfAbsent(e.getKey(), rate);
        report.line(
            "bench-train-shape: %s %s %,.0f samples/s (1 thread), %.2f x %s; movie bag %.0f",
            size.label(),
            e.getKey(),
            rate,
            rate / first.get(e.getKey()),
            sizes.get(0).label(),
            data.movieBag);
      }
    }
    report.write(Path.of("benchmarks"));
  }

  /**
   * The better of two timed rounds after an untimed one (the JIT's). The rounds train on the first
   * {@code 4 x examples} ratings (drawn at random like the rest) against the whole shape's features
   * and tables: a round permutes its shard, and permuting 25M ratings for a round of 30,000 was 7%
   * of the timed work, which training pays once per round of a quarter epoch.
   */
  private double samplesPerSecond(ModelConfig c, ShapeFeatures data) {
    ModelState start = ModelState.of(new TwoTowerModel(c, data.space, 3.0), true);
    int rounds = 4;
    RatingShard shard = data.ratings.head(Math.min(data.ratings.size(), rounds * examples));
    double best = 0;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      ReplicaTrainer.RoundResult r =
          ReplicaTrainer.trainRound(start, data.features, shard, 0, 0, round, rounds);
      double rate = r.examples() / ((System.nanoTime() - t0) / 1e9);
      if (round > 0) {
        best = Math.max(best, rate);
      }
    }
    return best;
  }
}
