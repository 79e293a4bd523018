package movierec.features;

import com.typesafe.config.Config;
import movierec.config.Settings;

/** Settings of the features job: {@code features.*}. */
public record FeaturesConfig(boolean refit) {
  /** Reads {@code features.*} of the resolved config. */
  public static FeaturesConfig from(Config root) {
    return new FeaturesConfig(Settings.at(root, "features").bool("refit"));
  }
}
