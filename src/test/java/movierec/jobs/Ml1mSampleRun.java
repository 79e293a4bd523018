package movierec.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import movierec.SparkTestSupport;
import movierec.cli.ConfigSource;
import org.apache.spark.sql.SparkSession;

/**
 * One pipeline run on a sample of the real ML-1M files, shared by the integration tests that read
 * what it wrote ({@link TrainJobIT}, {@link RecommendEvaluateJobIT}) and by {@code ClusterIT},
 * whose cluster run of the same sample must write the same rows: every rating of users 1 to 150
 * (20,533), users 1 to 300 and all 3,883 movies, so half the users and some movies are real
 * cold-start entities (fewer users than ML-1M's 6,040 keep the per-user lists small). Every stage
 * runs once per test JVM (started by ClusterIT beside its cluster run, else on first use), in that
 * JVM's Spark session, with the settings of {@code src/test/resources/ml1m-sample.conf}, writing
 * Delta Lake tables (the cluster run writes Parquet: the two formats must agree row for row). The
 * input and the warehouse are deleted when the JVM exits.
 */
public final class Ml1mSampleRun {
  public static final LocalDate DAY = LocalDate.of(2026, 11, 27);
  static final int MAX_USER = 150;

  /** Users 1 to this in users.dat; those above {@link #MAX_USER} have no ratings. */
  static final int USERS = 300;

  private static Path dir;
  private static Path input;
  private static CompletableFuture<Ml1mSampleRun> run;

  public final Path warehouse;
  final AppConfig config;

  private Ml1mSampleRun(Path warehouse, AppConfig config) {
    this.warehouse = warehouse;
    this.config = config;
  }

  /**
   * Starts the run on a thread of its own unless it has started, so that the caller can do other
   * work meanwhile: ClusterIT's cluster run of the same sample leaves a core idle for much of its
   * time (driver-side planning, commits, executor start-up).
   */
  public static synchronized CompletableFuture<Ml1mSampleRun> start() {
    if (run == null) {
      run =
          CompletableFuture.supplyAsync(
              Ml1mSampleRun::make,
              task -> {
                Thread t = new Thread(task, "ml1m-sample-run");
                t.setDaemon(true);
                t.start();
              });
    }
    return run;
  }

  /** The run: started on the first call unless {@link #start} started it, then waited for. */
  public static Ml1mSampleRun get() {
    try {
      return start().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private static Ml1mSampleRun make() {
    Path warehouse = dir().resolve("warehouse");
    Map<String, String> overrides = new HashMap<>();
    overrides.put("input.path", input().toString());
    overrides.put("warehouse.path", warehouse.toString());
    overrides.put("warehouse.format", "delta");
    AppConfig config =
        ConfigLoader.load(List.of(ConfigSource.file(settingsFile().toFile())), overrides);
    SparkSession spark = SparkTestSupport.spark();
    for (String stage : StageOrder.NAMES) {
      Stages.create(stage, config, DAY).run(spark);
    }
    return new Ml1mSampleRun(warehouse, config);
  }

  /**
   * The sample's input directory (users.dat, movies.dat and ratings.dat), made on the first call.
   */
  public static synchronized Path input() {
    if (input == null) {
      try {
        input = sample(dir().resolve("input"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return input;
  }

  /** The run's settings file, for {@code submit.sh --config}. */
  public static Path settingsFile() {
    return SparkTestSupport.projectDir().resolve("src/test/resources/ml1m-sample.conf");
  }

  private static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = IngestTestSupport.tempDirDeletedAtExit("movierec-ml1m-sample");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private static Path sample(Path dir) throws IOException {
    Path ml1m = SparkTestSupport.dataDir().resolve("ml-1m");
    Files.createDirectories(dir);
    Files.copy(ml1m.resolve("movies.dat"), dir.resolve("movies.dat"));
    IngestTestSupport.firstUsers(ml1m.resolve("users.dat"), dir.resolve("users.dat"), USERS);
    IngestTestSupport.firstUsers(ml1m.resolve("ratings.dat"), dir.resolve("ratings.dat"), MAX_USER);
    return dir;
  }
}
