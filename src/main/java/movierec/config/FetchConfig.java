package movierec.config;

import com.typesafe.config.Config;

/** Where the fetch-data tool (jobs/FetchDataJob) downloads datasets from: {@code fetch.*}. */
public record FetchConfig(String baseUrl, int timeoutSeconds) {
  /** Reads and checks {@code fetch.*} of the resolved config. */
  public static FetchConfig from(Config root) {
    Settings s = Settings.at(root, "fetch");
    return new FetchConfig(s.nonBlank("base-url"), s.positive("timeout-seconds"));
  }
}
