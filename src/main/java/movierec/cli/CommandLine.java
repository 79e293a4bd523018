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
import movierec.config.ConfigSource;

/**
 * The parsed command line of {@code Main}: {@code <job> [--run-date D] [--master URL]
 * [--config-file F | --config-text NAME:BASE64]... [--conf key=value]... [job options]}.
 *
 * <p>{@code --conf spark.x=y} is a Spark setting (as with spark-submit); any other key is a
 * movierec config key. Options the common parser does not know are left to the job.
 */
public record CommandLine(
    String job,
    LocalDate runDate,
    Optional<String> master,
    List<ConfigSource> configSources,
    Map<String, String> overrides,
    List<String> jobArgs) {

  private static final Pattern JOB_NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");

  public CommandLine {
    configSources = List.copyOf(configSources);
    overrides = Map.copyOf(overrides);
    jobArgs = List.copyOf(jobArgs);
  }

  /**
   * Parses {@code args}; {@code today} is the run date when none is given (the entry point passes
   * the UTC date, so nothing below Main reads the clock).
   */
  public static CommandLine parse(String[] args, LocalDate today) {
    if (args.length == 0) {
      throw new UsageException("no job given");
    }
    String job = args[0];
    if (!JOB_NAME.matcher(job).matches()) {
      throw new UsageException("'" + job + "' is not a job name");
    }
    LocalDate runDate = today;
    String master = null;
    List<ConfigSource> files = new ArrayList<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--run-date" -> runDate = parseDate(value(args, ++i, a));
        case "--master" -> master = checkMaster(value(args, ++i, a));
        case "--config-file" -> files.add(ConfigSource.file(new File(value(args, ++i, a))));
        case "--config-text" -> files.add(configText(value(args, ++i, a)));
        case "--conf" -> putOverride(overrides, value(args, ++i, a));
        default -> rest.add(a);
      }
    }
    return new CommandLine(job, runDate, Optional.ofNullable(master), files, overrides, rest);
  }

  /**
   * The master URL forms Spark accepts: local, local[N], local[*], local[N,F], spark://host:port
   * (comma-separated for standby masters), yarn, k8s://[https://]host[:port]. A typo fails here,
   * before any Spark work, rather than deep inside SparkContext.
   */
  static final Pattern MASTER =
      Pattern.compile(
          "local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?\\])?"
              + "|spark://[A-Za-z0-9.\\-]+:\\d{1,5}(,[A-Za-z0-9.\\-]+:\\d{1,5})*"
              + "|yarn"
              + "|k8s://(https?://)?[A-Za-z0-9.\\-]+(:\\d{1,5})?(/\\S*)?");

  static String checkMaster(String master) {
    if (!MASTER.matcher(master).matches()) {
      throw new UsageException(
          "--master '"
              + master
              + "' is not a Spark master URL: use local[N], local[*], spark://HOST:PORT, yarn"
              + " or k8s://https://HOST:PORT");
    }
    return master;
  }

  /** Today's date in UTC: the default run date, read once at the entry point. */
  public static LocalDate todayUtc() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static LocalDate parseDate(String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new UsageException("--run-date '" + s + "' is not a date of the form YYYY-MM-DD");
    }
  }

  /** {@code NAME:BASE64}: a config file's name and its UTF-8 text in base64. */
  private static ConfigSource configText(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0) {
      throw new UsageException("--config-text needs NAME:BASE64, got '" + abbreviate(value) + "'");
    }
    try {
      byte[] text = Base64.getDecoder().decode(value.substring(colon + 1));
      return ConfigSource.inline(value.substring(0, colon), new String(text, UTF_8));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--config-text "
              + value.substring(0, colon)
              + ": the text is not base64: "
              + e.getMessage());
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static void putOverride(Map<String, String> overrides, String kv) {
    int eq = kv.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("--conf '" + kv + "' is not of the form key=value");
    }
    String key = kv.substring(0, eq).trim();
    if (!KEY.matcher(key).matches()) {
      throw new UsageException("--conf key '" + key + "' has characters a config key cannot have");
    }
    overrides.put(key, kv.substring(eq + 1));
  }
}
