package movierec.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import movierec.SparkTestSupport;
import movierec.config.AppConfig;
import org.apache.spark.sql.SparkSession;

/**
 * One pipeline run on a sample of the real ML-1M files, shared by the tests that only read what it
 * wrote ({@link TrainJobTest}, {@link RecommendEvaluateJobTest}): every rating of users 1 to 150
 * (20,533) with all 6,040 users and 3,883 movies, so most users and some movies are real cold-start
 * entities. Every stage runs once per test JVM, on first use, with settings small enough for the
 * test suite (the tutorial preset included); the warehouse is deleted when the JVM exits.
 */
final class Ml1mSampleRun {
  static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  static final int MAX_USER = 150;

  /** The settings of the run, as key-value pairs. */
  private static final String[] SETTINGS = {
    "train.model.max-epochs", "3",
    "train.tutorial-preset", "true",
    "train.ranker.max-epochs", "2",
    "train.baselines.als-ranks", "[5]",
    "train.baselines.als-reg-params", "[0.1]",
    "train.baselines.als-iterations", "5",
    "similarity.user-content", "false",
    "similarity.user-co-rating", "[]",
    "recommend.min-ratings", "3"
  };

  private static Ml1mSampleRun run;

  final Path warehouse;
  final AppConfig config;

  private Ml1mSampleRun(Path warehouse, AppConfig config) {
    this.warehouse = warehouse;
    this.config = config;
  }

  /** The run, made on the first call. */
  static synchronized Ml1mSampleRun get() {
    if (run == null) {
      try {
        Path dir = IngestTestSupport.tempDirDeletedAtExit("movierec-ml1m-sample");
        Path warehouse = dir.resolve("warehouse");
        AppConfig config =
            IngestTestSupport.config(sample(dir.resolve("input")), warehouse, SETTINGS);
        SparkSession spark = SparkTestSupport.spark();
        for (String stage : JobRegistry.PIPELINE_STAGES) {
          JobRegistry.stage(stage, config, DAY).run(spark);
        }
        run = new Ml1mSampleRun(warehouse, config);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return run;
  }

  /** The run's settings as command-line arguments ({@code --conf key=value} each). */
  List<String> confArgs() {
    List<String> args = new ArrayList<>(List.of("--conf", "warehouse.path=" + warehouse));
    for (int i = 0; i < SETTINGS.length; i += 2) {
      args.addAll(List.of("--conf", SETTINGS[i] + "=" + SETTINGS[i + 1]));
    }
    return args;
  }

  private static Path sample(Path dir) throws IOException {
    Path ml1m = SparkTestSupport.dataDir().resolve("ml-1m");
    Files.createDirectories(dir);
    Files.copy(ml1m.resolve("users.dat"), dir.resolve("users.dat"));
    Files.copy(ml1m.resolve("movies.dat"), dir.resolve("movies.dat"));
    try (var lines = Files.lines(ml1m.resolve("ratings.dat"), StandardCharsets.UTF_8)) {
      Files.write(
          dir.resolve("ratings.dat"),
          lines.filter(l -> Integer.parseInt(l.substring(0, l.indexOf(':'))) <= MAX_USER).toList());
    }
    return dir;
  }
}
