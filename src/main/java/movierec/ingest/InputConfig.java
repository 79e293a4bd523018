package movierec.ingest;

import com.typesafe.config.Config;
import java.nio.charset.Charset;
import java.util.Set;
import movierec.config.Settings;

/** Where the raw MovieLens files are and how to read them: {@code input.*}. */
public record InputConfig(String path, String format, String charset, boolean autoFetch) {
  private static final Set<String> FORMATS = Set.of("auto", "ml-1m", "ml-10m", "ml-100k", "csv");

  /** Reads and checks {@code input.*} of the resolved config. */
  public static InputConfig from(Config root) {
    Settings s = Settings.at(root, "input");
    String charset = s.string("charset");
    if (!charset.equals("auto") && !Charset.isSupported(charset)) {
      throw s.bad("charset", "'" + charset + "' is not a charset this JVM knows");
    }
    return new InputConfig(
        s.nonBlank("path"), s.oneOf("format", FORMATS), charset, s.bool("auto-fetch"));
  }
}
