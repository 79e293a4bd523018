package movierec.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every job takes: the run date, the Spark master, configuration layers and overrides.
 * {@code --conf spark.x=y} is a Spark setting (as with spark-submit); any other key a movierec
 * setting. Configuration layers keep their command-line order (later ones win).
 */
public final class CommonOptions {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");

  /**
   * The master URL forms Spark accepts: local, local[N], local[*], local[N,F], spark://host:port
   * (comma-separated for standby masters), yarn, k8s://[https://]host[:port]. A typo fails here,
   * before any Spark work, rather than deep inside SparkContext.
   */
  public static final Pattern MASTER =
      Pattern.compile(
          "local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?\\])?"
              + "|spark://[A-Za-z0-9.\\-]+:\\d{1,5}(,[A-Za-z0-9.\\-]+:\\d{1,5})*"
              + "|yarn"
              + "|k8s://(https?://)?[A-Za-z0-9.\\-]+(:\\d{1,5})?(/\\S*)?");

  @Option(
      names = "--run-date",
      paramLabel = "YYYY-MM-DD",
      converter = DateConverter.class,
      description = "The partition to write or read (default: today in UTC).",
      order = 1)
  private LocalDate runDate;

  @Option(
      names = "--master",
      paramLabel = "URL",
      converter = MasterConverter.class,
      description =
          "Spark master: local[N], local[*], spark://HOST:PORT, yarn or k8s://https://HOST:PORT"
              + " (default: local[*], or spark-submit's own).",
      order = 2)
  private String master;

  private final List<ConfigSource> configSources = new ArrayList<>();
  private final Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--config-file",
      paramLabel = "FILE",
      description = "A HOCON configuration layer over reference.conf (repeatable, in order).",
      order = 3)
  private void configFile(File file) {
    configSources.add(ConfigSource.file(file));
  }

  @Option(
      names = "--config-text",
      paramLabel = "NAME:BASE64",
      converter = ConfigTextConverter.class,
      description =
          "A configuration layer carried as its base64 text (submit.sh's form for drivers that"
              + " start on a cluster node).",
      order = 4)
  private void configText(ConfigSource source) {
    configSources.add(source);
  }

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      converter = KeyValueConverter.class,
      description =
          "spark.* keys are Spark settings, other keys movierec settings (docs/configuration.md)"
              + " (repeatable).",
      order = 5)
  private void conf(Map.Entry<String, String> kv) {
    overrides.put(kv.getKey(), kv.getValue());
  }

  /** The run date given, or {@code today}. */
  public LocalDate runDate(LocalDate today) {
    return runDate != null ? runDate : today;
  }

  public Optional<String> master() {
    return Optional.ofNullable(master);
  }

  public List<ConfigSource> configSources() {
    return List.copyOf(configSources);
  }

  public Map<String, String> overrides() {
    return Map.copyOf(overrides);
  }

  /** Today's date in UTC: the default run date, read once at the entry point. */
  public static LocalDate todayUtc() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  static final class DateConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String s) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + s + "' is not a date of the form YYYY-MM-DD");
      }
    }
  }

  static final class MasterConverter implements ITypeConverter<String> {
    @Override
    public String convert(String s) {
      if (!MASTER.matcher(s).matches()) {
        throw new TypeConversionException(
            "'"
                + s
                + "' is not a Spark master URL: use local[N], local[*], spark://HOST:PORT, yarn"
                + " or k8s://https://HOST:PORT");
      }
      return s;
    }
  }

  static final class KeyValueConverter implements ITypeConverter<Map.Entry<String, String>> {
    @Override
    public Map.Entry<String, String> convert(String kv) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new TypeConversionException("'" + kv + "' is not of the form key=value");
      }
      String key = kv.substring(0, eq).trim();
      if (!KEY.matcher(key).matches()) {
        throw new TypeConversionException(
            "key '" + key + "' has characters a config key cannot have");
      }
      return Map.entry(key, kv.substring(eq + 1));
    }
  }

  static final class ConfigTextConverter implements ITypeConverter<ConfigSource> {
    @Override
    public ConfigSource convert(String value) {
      int colon = value.lastIndexOf(':');
      if (colon <= 0) {
        throw new TypeConversionException(
            "needs NAME:BASE64, got '"
                + (value.length() <= 40 ? value : value.substring(0, 40) + "...")
                + "'");
      }
      try {
        byte[] text = Base64.getDecoder().decode(value.substring(colon + 1));
        return ConfigSource.inline(value.substring(0, colon), new String(text, UTF_8));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            value.substring(0, colon) + ": the text is not base64: " + e.getMessage());
      }
    }
  }
}
