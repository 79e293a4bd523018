package movierec.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import movierec.catalog.CatalogConfig;
import movierec.cli.CommonOptions;
import movierec.cli.ConfigSource;
import movierec.config.ConfigException;
import movierec.config.FetchConfig;
import movierec.config.Settings;
import movierec.config.Suggestions;
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
 * Layers the configuration (reference.conf, then each file in the order given, then key=value
 * overrides), rejects unknown keys, and returns the immutable {@link AppConfig}, which each
 * capability's settings record fills from its own subtree (a bad value is refused with a message
 * naming the key). Only this class and those records' {@code from} methods touch Typesafe Config.
 */
public final class ConfigLoader {
  /** Subtrees whose keys are free-form Spark settings, so the unknown-key check skips them. */
  private static final Set<String> FREE_FORM = Set.of("spark.conf", "launch.spark-conf");

  private static final Set<String> DEPLOY_MODES = Set.of("client", "cluster");

  private ConfigLoader() {}

  /**
   * Loads and validates the configuration.
   *
   * @param sources HOCON files or texts, lowest precedence first; each file must exist
   * @param overrides key=value settings that win over every file; a key starting with {@code
   *     spark.} that is not one of ours is a Spark setting, as with spark-submit's --conf
   */
  public static AppConfig load(List<ConfigSource> sources, Map<String, String> overrides) {
    Config reference = ConfigFactory.parseResources(ConfigLoader.class, "/reference.conf");
    if (reference.isEmpty()) {
      throw new ConfigException("reference.conf is missing from the classpath; rebuild the jar");
    }
    Config merged = ConfigFactory.empty();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      merged = merged.withValue(overridePath(e.getKey()), overrideValue(e.getKey(), e.getValue()));
    }
    for (int i = sources.size() - 1; i >= 0; i--) {
      merged = merged.withFallback(parse(sources.get(i)));
    }
    Config resolved;
    try {
      resolved = merged.withFallback(reference).resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("configuration does not resolve: " + e.getMessage(), e);
    }
    rejectUnknownKeys(resolved, reference.resolve());
    try {
      resolved.checkValid(reference.resolve());
      return toRecord(resolved);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("bad configuration: " + e.getMessage(), e);
    }
  }

  /** A value in brackets is a list ({@code --conf train.baselines.als-ranks=[10,20]}). */
  private static ConfigValue overrideValue(String key, String value) {
    String origin = "command line --conf " + key;
    if (value.strip().startsWith("[")) {
      try {
        return ConfigFactory.parseString("v = " + value, ConfigParseOptions.defaults())
            .getValue("v")
            .withOrigin(com.typesafe.config.ConfigOriginFactory.newSimple(origin));
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException("cannot parse the list given for " + key + ": " + value, e);
      }
    }
    return ConfigValueFactory.fromAnyRef(value, origin);
  }

  private static String overridePath(String key) {
    boolean ours = key.equals("spark.app-name") || key.startsWith("spark.conf.");
    return key.startsWith("spark.") && !ours ? ConfigUtil.joinPath("spark", "conf", key) : key;
  }

  private static Config parse(ConfigSource source) {
    if (source.text().isPresent()) {
      try {
        return ConfigFactory.parseString(
            source.text().get(),
            ConfigParseOptions.defaults().setOriginDescription(source.name() + " (inline)"));
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException(
            "cannot parse config text " + source.name() + ": " + e.getMessage(), e);
      }
    }
    File file = new File(source.name());
    if (!file.isFile()) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    try {
      return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("cannot parse config file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void rejectUnknownKeys(Config config, Config reference) {
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      String key = e.getKey();
      if (isFreeForm(key) || reference.hasPathOrNull(key)) {
        continue;
      }
      String parent = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
      String known =
          parent.isEmpty() || !reference.hasPath(parent)
              ? String.join(", ", reference.root().keySet())
              : String.join(", ", reference.getConfig(parent).root().keySet());
      java.util.Set<String> keys = new java.util.TreeSet<>();
      reference.entrySet().forEach(r -> keys.add(r.getKey()));
      nullKeys(reference.root(), "", keys);
      String hint =
          Suggestions.closest(key, keys)
              .map(k -> "; did you mean '" + k + "'?")
              .orElse("; known keys here: " + known);
      throw new ConfigException(
          "unknown config key '"
              + key
              + "' (set in "
              + e.getValue().origin().description()
              + ")"
              + hint);
    }
  }

  /** The keys whose reference value is null (entrySet leaves them out). */
  private static void nullKeys(
      com.typesafe.config.ConfigObject object, String prefix, java.util.Set<String> out) {
    object.forEach(
        (name, value) -> {
          String path = prefix + name;
          if (value.valueType() == com.typesafe.config.ConfigValueType.NULL) {
            out.add(path);
          } else if (value instanceof com.typesafe.config.ConfigObject child) {
            nullKeys(child, path + ".", out);
          }
        });
  }

  private static boolean isFreeForm(String key) {
    return FREE_FORM.stream().anyMatch(p -> key.startsWith(p + "."));
  }

  private static AppConfig toRecord(Config c) {
    Settings top = Settings.at(c, "");
    return new AppConfig(
        InputConfig.from(c),
        top.nonBlank("warehouse.path"),
        IngestConfig.from(c),
        FeaturesConfig.from(c),
        SimilarityConfig.from(c),
        TrainConfig.from(c),
        RankingConfig.from(c),
        RecommendConfig.from(c),
        EvaluateConfig.from(c),
        FetchConfig.from(c),
        new AppConfig.SparkConfig(top.nonBlank("spark.app-name"), flat(c.getConfig("spark.conf"))),
        launch(c),
        top.nonNegative("warehouse.keep-runs"),
        CatalogConfig.from(c),
        TableFormat.valueOf(
            top.oneOf("warehouse.format", Set.of("parquet", "delta")).toUpperCase(Locale.ROOT)));
  }

  private static AppConfig.LaunchConfig launch(Config c) {
    Settings s = Settings.at(c, "launch");
    Optional<String> master = s.optional("master", s::nonBlank);
    if (master.isPresent() && !CommonOptions.MASTER.matcher(master.get()).matches()) {
      throw s.bad(
          "master",
          "'"
              + master.get()
              + "' is not a Spark master URL: use local[N], local[*], spark://HOST:PORT, yarn or"
              + " k8s://https://HOST:PORT");
    }
    Optional<Integer> cores = s.optional("executor-cores", s::positive);
    Optional<Integer> executors = s.optional("num-executors", s::positive);
    return new AppConfig.LaunchConfig(
        master,
        s.oneOf("deploy-mode", DEPLOY_MODES),
        s.optional("driver-memory", s::memory),
        s.optional("executor-memory", s::memory),
        cores.map(OptionalInt::of).orElse(OptionalInt.empty()),
        executors.map(OptionalInt::of).orElse(OptionalInt.empty()),
        flat(c.getConfig("launch.spark-conf")));
  }

  /** Free-form settings keep their quoted dotted keys as one string each. */
  private static Map<String, String> flat(Config sub) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : sub.root().entrySet()) {
      Object v = e.getValue().unwrapped();
      if (v instanceof Map || v instanceof List) {
        throw new ConfigException(
            "Spark setting '" + e.getKey() + "' must be a single value; quote dotted keys");
      }
      out.put(e.getKey(), String.valueOf(v));
    }
    return out;
  }
}
