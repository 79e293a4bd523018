package movierec.config;

import java.util.Map;

/**
 * The validated configuration of one run, built once by {@link ConfigLoader}. Jobs read these
 * records and never a raw {@code Config}.
 */
public record AppConfig(
    InputConfig input,
    String warehousePath,
    IngestConfig ingest,
    FetchConfig fetch,
    SparkConfig spark,
    LaunchConfig launch) {

  /** Where the raw MovieLens files are and how to read them. */
  public record InputConfig(String path, String format, String charset, boolean autoFetch) {}

  /** Settings of the ingest job. */
  public record IngestConfig(double maxRejectFraction) {}

  /** Where fetch-data downloads datasets from. */
  public record FetchConfig(String baseUrl, int timeoutSeconds) {}

  /** Settings applied to the SparkSession. */
  public record SparkConfig(String appName, Map<String, String> conf) {
    public SparkConfig {
      conf = Map.copyOf(conf);
    }
  }

  /** spark-submit resource settings, read by submit.sh. */
  public record LaunchConfig(
      String deployMode,
      String driverMemory,
      String executorMemory,
      int executorCores,
      int numExecutors,
      Map<String, String> sparkConf) {
    public LaunchConfig {
      sparkConf = Map.copyOf(sparkConf);
    }
  }
}
