package movierec.config;

import java.util.List;
import java.util.Map;
import movierec.catalog.CatalogConfig;
import movierec.io.TableFormat;

/**
 * The validated configuration of one run, built once by {@link ConfigLoader}. Jobs read these
 * records and never a raw {@code Config}.
 */
public record AppConfig(
    InputConfig input,
    String warehousePath,
    IngestConfig ingest,
    FeaturesConfig features,
    SimilarityConfig similarity,
    TrainConfig train,
    RankingConfig ranking,
    RecommendConfig recommend,
    EvaluateConfig evaluate,
    FetchConfig fetch,
    SparkConfig spark,
    LaunchConfig launch,
    int keepRuns,
    CatalogConfig catalog,
    TableFormat warehouseFormat) {

  /**
   * This config reading {@code inputPath} and writing under {@code warehouse} (training checkpoints
   * too): one run of the suite on other data, as bench-scale does per size.
   */
  public AppConfig withPaths(String inputPath, String warehouse) {
    TrainConfig t = train;
    return new AppConfig(
        new InputConfig(inputPath, input.format(), input.charset(), false),
        warehouse,
        ingest,
        features,
        similarity,
        new TrainConfig(
            t.splitMethod(),
            t.testFraction(),
            t.validationFraction(),
            t.splitSeed(),
            t.partitions(),
            t.tutorialPreset(),
            warehouse + "/_checkpoints",
            t.model(),
            t.baselines(),
            t.ranker(),
            t.rankerValidationUsers()),
        ranking,
        recommend,
        evaluate,
        fetch,
        spark,
        launch,
        keepRuns,
        catalog,
        warehouseFormat);
  }

  /** Where the raw MovieLens files are and how to read them. */
  public record InputConfig(String path, String format, String charset, boolean autoFetch) {}

  /** Settings of the ingest job. */
  public record IngestConfig(double maxRejectFraction) {}

  /** Settings of the features job. */
  public record FeaturesConfig(boolean refit) {}

  /** Settings of the similarity job; see reference.conf for each. */
  public record SimilarityConfig(
      int blockSize,
      boolean topK,
      int k,
      double threshold,
      int minSupport,
      double shrinkage,
      int heavyCap,
      long maxCoRatingUpdates,
      long maxShuffleBytes,
      long seed,
      boolean movieContent,
      boolean userContent,
      List<String> movieCoRating,
      List<String> userCoRating,
      double genreWeight,
      double decadeWeight,
      double titleWeight) {
    public SimilarityConfig {
      movieCoRating = List.copyOf(movieCoRating);
      userCoRating = List.copyOf(userCoRating);
    }
  }

  /**
   * Settings of the train job; see reference.conf for each.
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
      movierec.model.ModelConfig model,
      BaselineConfig baselines,
      java.util.Optional<movierec.model.ModelConfig> ranker,
      int rankerValidationUsers) {}

  /** Baselines the train job fits on the same split. */
  public record BaselineConfig(
      double biasRegularization,
      int biasIterations,
      boolean als,
      List<Integer> alsRanks,
      List<Double> alsRegParams,
      int alsIterations,
      int alsCheckpointInterval,
      boolean alsCross) {
    public BaselineConfig {
      alsRanks = List.copyOf(alsRanks);
      alsRegParams = List.copyOf(alsRegParams);
    }
  }

  /** The servable ranking models (recommend and evaluate); see reference.conf for each. */
  public record RankingConfig(
      List<String> candidates,
      int selectionK,
      double easeLambda,
      int easeMaxItems,
      int knnNeighbours,
      List<Double> blendWeights) {
    public RankingConfig {
      candidates = List.copyOf(candidates);
      blendWeights = List.copyOf(blendWeights);
    }
  }

  /** Settings of the recommend job; see reference.conf for each. */
  public record RecommendConfig(
      List<String> models,
      String vectorModel,
      int topN,
      int blockSize,
      String coRatingKind,
      double genreWeight,
      double coRatingWeight,
      double likeThreshold,
      int minSupport,
      int topUsers,
      int userFavourites,
      int likesCap,
      long maxLikePairs,
      int likesBlockSize,
      int minRatings) {
    public RecommendConfig {
      models = List.copyOf(models);
    }
  }

  /** Settings of the evaluate job; see reference.conf for each. */
  public record EvaluateConfig(List<Integer> ks, List<Integer> curveKs, double relevantThreshold) {
    public EvaluateConfig {
      ks = List.copyOf(ks);
      curveKs = List.copyOf(curveKs);
    }

    /** The largest cut-off any metric or curve needs. */
    public int maxK() {
      return java.util.stream.Stream.concat(ks.stream(), curveKs.stream())
          .mapToInt(Integer::intValue)
          .max()
          .orElseThrow();
    }
  }

  /** Where fetch-data downloads datasets from. */
  public record FetchConfig(String baseUrl, int timeoutSeconds) {}

  /** Settings applied to the SparkSession. */
  public record SparkConfig(String appName, Map<String, String> conf) {
    private static final java.util.regex.Pattern SECRET =
        java.util.regex.Pattern.compile("(?i).*(secret|password|token|credential|access\\.key).*");

    public SparkConfig {
      conf = Map.copyOf(conf);
    }

    /** Values of secret-looking settings are masked: this string goes to logs. */
    @Override
    public String toString() {
      Map<String, String> shown = new java.util.TreeMap<>(conf);
      shown.replaceAll((k, v) -> SECRET.matcher(k).matches() ? "*****" : v);
      return "SparkConfig[appName=" + appName + ", conf=" + shown + "]";
    }
  }

  /** spark-submit resource settings, read by submit.sh. */
  /** submit.sh's settings; an empty one is left to spark-submit and the cluster's defaults. */
  public record LaunchConfig(
      java.util.Optional<String> master,
      String deployMode,
      java.util.Optional<String> driverMemory,
      java.util.Optional<String> executorMemory,
      java.util.OptionalInt executorCores,
      java.util.OptionalInt numExecutors,
      Map<String, String> sparkConf) {
    public LaunchConfig {
      sparkConf = Map.copyOf(sparkConf);
    }
  }
}
