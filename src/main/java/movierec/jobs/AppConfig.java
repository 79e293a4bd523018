package movierec.jobs;

import java.util.Map;
import movierec.catalog.CatalogConfig;
import movierec.config.FetchConfig;
import movierec.evaluate.EvaluateConfig;
import movierec.features.FeaturesConfig;
import movierec.ingest.IngestConfig;
import movierec.ingest.InputConfig;
import movierec.io.TableFormat;
import movierec.ranking.RankingConfig;
import movierec.recommend.RecommendConfig;
import movierec.similarity.SimilarityConfig;
import movierec.train.TrainConfig;

/**
 * The validated configuration of one run, built once by {@link ConfigLoader} from each capability's
 * own settings record (each reads and checks its subtree). Jobs read these records and never a raw
 * {@code Config}.
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
    return new AppConfig(
        new InputConfig(inputPath, input.format(), input.charset(), false),
        warehouse,
        ingest,
        features,
        similarity,
        train.withCheckpointDir(warehouse + "/_checkpoints"),
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
