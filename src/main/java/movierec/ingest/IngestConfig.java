package movierec.ingest;

import com.typesafe.config.Config;
import movierec.config.Settings;

/** Settings of the ingest job: {@code ingest.*}. */
public record IngestConfig(double maxRejectFraction) {
  /** Reads and checks {@code ingest.*} of the resolved config. */
  public static IngestConfig from(Config root) {
    return new IngestConfig(Settings.at(root, "ingest").unit("max-reject-fraction"));
  }
}
