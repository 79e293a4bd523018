package movierec.cli;

import java.io.File;
import java.util.Optional;

/**
 * One layer of configuration: a HOCON file, or the text of one carried on the command line. The
 * text form exists for drivers that start on a cluster node (spark-submit --deploy-mode cluster on
 * a standalone master), where files shipped with {@code --files} are not in the driver's working
 * directory before the SparkContext starts, but the configuration is needed before that.
 *
 * @param name the file path, or the name of the file the text came from (for messages)
 * @param text the HOCON text, or empty to read the file {@code name}
 */
public record ConfigSource(String name, Optional<String> text) {
  public ConfigSource {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a config source needs a name");
    }
  }

  public static ConfigSource file(File file) {
    return new ConfigSource(file.getPath(), Optional.empty());
  }

  public static ConfigSource inline(String name, String text) {
    return new ConfigSource(name, Optional.of(text));
  }
}
