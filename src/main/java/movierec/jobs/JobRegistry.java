package movierec.jobs;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import movierec.cli.UsageException;
import movierec.config.AppConfig;

/** Job names and what builds each: the single list Main dispatches on and usage prints. */
public final class JobRegistry {
  /** Builds a job from the config, the run date and the job's own options. */
  @FunctionalInterface
  public interface Factory {
    Job create(AppConfig config, LocalDate runDate, List<String> args);
  }

  /** Where the stage list is on the classpath. */
  public static final String STAGES_RESOURCE = "/movierec/stages.conf";

  /** A job name, a one-line description, and its factory. */
  public record Entry(String name, String description, Factory factory) {}

  /**
   * The stages, in the order {@code pipeline} runs them: jobs/stages.conf, packaged in the jar, the
   * same file the Airflow DAG reads.
   */
  public static final List<String> PIPELINE_STAGES = loadStages();

  private static final List<Entry> JOBS =
      List.of(
          new Entry(
              IngestJob.NAME,
              "MovieLens files -> users, movies, ratings, rejects",
              (c, d, a) -> new IngestJob(c, d, noOptions(IngestJob.NAME, a))),
          new Entry(
              FeaturesJob.NAME,
              "users, movies -> user_features, movie_features, feature_vocabulary",
              (c, d, a) -> new FeaturesJob(c, d, noOptions(FeaturesJob.NAME, a))),
          new Entry(
              SimilarityJob.NAME,
              "ratings, features -> movie_neighbors, user_neighbors (blocked pairwise)",
              (c, d, a) -> new SimilarityJob(c, d, noOptions(SimilarityJob.NAME, a))),
          new Entry(
              TrainJob.NAME,
              "ratings, users, movies -> ratings_split, model_metrics, training_history,"
                  + " user_vectors, movie_vectors, models (embedding regressor + baselines)",
              (c, d, a) -> new TrainJob(c, d, noOptions(TrainJob.NAME, a))),
          new Entry(
              RecommendJob.NAME,
              "vectors, neighbours -> user_top_movies, similar_movies, also_liked,"
                  + " segment_top_movies",
              (c, d, a) -> new RecommendJob(c, d, noOptions(RecommendJob.NAME, a))),
          new Entry(
              EvaluateJob.NAME,
              "ratings_split, models -> metrics (RMSE, MAE, top-K ranking),"
                  + " reports/<date>/index.html",
              (c, d, a) -> new EvaluateJob(c, d, noOptions(EvaluateJob.NAME, a))),
          new Entry(
              RecommendForJob.NAME,
              "print recommendations at a terminal: "
                  + RecommendForOptions.USAGE.substring(RecommendForJob.NAME.length() + 1),
              RecommendForJob::new),
          new Entry(
              GenerateJob.NAME,
              "write a synthetic MovieLens in the ML-1M layout: " + GenerateJob.USAGE,
              GenerateJob::fromArgs),
          new Entry(
              BenchSimilarityJob.NAME,
              "benchmark: our movie cosine vs MLlib columnSimilarities vs a SQL self-join",
              (c, d, a) -> new BenchSimilarityJob(c, d, a)),
          new Entry(
              BenchTrainJob.NAME,
              "benchmark: training samples/s of the embedding regressor [--epochs N]"
                  + " [--skip-default]",
              (c, d, a) -> new BenchTrainJob(c, d, a)),
          new Entry(
              BenchScaleJob.NAME,
              "benchmark: generated data at growing sizes through the pipeline's stages, per-stage"
                  + " time, shuffle and memory: "
                  + BenchScaleJob.USAGE,
              BenchScaleJob::new),
          new Entry(
              PipelineJob.NAME,
              "every implemented stage in order: "
                  + String.join(", ", PIPELINE_STAGES)
                  + ": "
                  + PipelineJob.USAGE,
              PipelineJob::new),
          new Entry(
              FetchDataJob.NAME,
              "download a MovieLens dataset: fetch-data <"
                  + String.join("|", FetchDataJob.DATASETS)
                  + "> [--dest DIR]",
              FetchDataJob::fromArgs));

  private JobRegistry() {}

  private static List<String> loadStages() {
    com.typesafe.config.Config c =
        com.typesafe.config.ConfigFactory.parseResources(JobRegistry.class, STAGES_RESOURCE);
    if (!c.hasPath("stages")) {
      throw new IllegalStateException(STAGES_RESOURCE + " is missing from the jar; rebuild it");
    }
    return List.copyOf(c.getStringList("stages"));
  }

  public static List<Entry> all() {
    return JOBS;
  }

  public static Optional<Entry> find(String name) {
    return JOBS.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Builds a stage of the pipeline by name. */
  static Job stage(String name, AppConfig config, LocalDate runDate) {
    return find(name)
        .orElseThrow(() -> new IllegalStateException("pipeline stage " + name + " is not a job"))
        .factory()
        .create(config, runDate, List.of());
  }

  private static List<String> noOptions(String job, List<String> args) {
    if (!args.isEmpty()) {
      throw new UsageException("job " + job + " takes no options; got " + args);
    }
    return args;
  }
}
