package movierec.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
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
import java.util.regex.Pattern;
import movierec.catalog.CatalogConfig;
import movierec.cli.CommonOptions;
import movierec.io.TableFormat;
import movierec.model.ModelConfig;

/**
 * Layers the configuration (reference.conf, then each file in the order given, then key=value
 * overrides), rejects unknown keys and bad values with a message naming the key, and returns the
 * immutable {@link AppConfig}. This is the only class that touches Typesafe Config.
 */
public final class ConfigLoader {
  /** Subtrees whose keys are free-form Spark settings, so the unknown-key check skips them. */
  private static final Set<String> FREE_FORM = Set.of("spark.conf", "launch.spark-conf");

  private static final Set<String> FORMATS = Set.of("auto", "ml-1m", "ml-10m", "ml-100k", "csv");
  private static final Set<String> CO_RATING_KINDS = Set.of("cosine", "pearson", "adjusted_cosine");
  private static final Set<String> DEPLOY_MODES = Set.of("client", "cluster");

  /** recommend.models = [auto]: serve the best candidate on the validation split. */
  public static final String AUTO = "auto";

  private static final Pattern MEMORY = Pattern.compile("\\d+[kKmMgGtT]?");

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
    String format = oneOf(c, "input.format", FORMATS);
    String charset = c.getString("input.charset");
    if (!charset.equals("auto") && !java.nio.charset.Charset.isSupported(charset)) {
      throw new BadValue("input.charset", "'" + charset + "' is not a charset this JVM knows");
    }
    double maxRejects = c.getDouble("ingest.max-reject-fraction");
    if (!(maxRejects >= 0 && maxRejects <= 1)) {
      throw new BadValue("ingest.max-reject-fraction", "must be in [0, 1], got " + maxRejects);
    }
    int timeout = c.getInt("fetch.timeout-seconds");
    if (timeout <= 0) {
      throw new BadValue("fetch.timeout-seconds", "must be positive, got " + timeout);
    }
    return new AppConfig(
        new AppConfig.InputConfig(
            nonBlank(c, "input.path"), format, charset, c.getBoolean("input.auto-fetch")),
        nonBlank(c, "warehouse.path"),
        new AppConfig.IngestConfig(maxRejects),
        new AppConfig.FeaturesConfig(c.getBoolean("features.refit")),
        similarity(c),
        train(c),
        ranking(c),
        recommend(c),
        evaluate(c),
        new AppConfig.FetchConfig(nonBlank(c, "fetch.base-url"), timeout),
        new AppConfig.SparkConfig(nonBlank(c, "spark.app-name"), flat(c.getConfig("spark.conf"))),
        launch(c),
        nonNegative(c, "warehouse.keep-runs"),
        CatalogConfig.from(c),
        TableFormat.valueOf(
            oneOf(c, "warehouse.format", Set.of("parquet", "delta")).toUpperCase(Locale.ROOT)));
  }

  private static AppConfig.LaunchConfig launch(Config c) {
    Optional<String> master = optional(c, "launch.master", ConfigLoader::nonBlank);
    if (master.isPresent() && !CommonOptions.MASTER.matcher(master.get()).matches()) {
      throw new BadValue(
          "launch.master",
          "'"
              + master.get()
              + "' is not a Spark master URL: use local[N], local[*], spark://HOST:PORT, yarn or"
              + " k8s://https://HOST:PORT");
    }
    Optional<Integer> cores = optional(c, "launch.executor-cores", ConfigLoader::positive);
    Optional<Integer> executors = optional(c, "launch.num-executors", ConfigLoader::positive);
    return new AppConfig.LaunchConfig(
        master,
        oneOf(c, "launch.deploy-mode", DEPLOY_MODES),
        optional(c, "launch.driver-memory", ConfigLoader::memory),
        optional(c, "launch.executor-memory", ConfigLoader::memory),
        cores.map(OptionalInt::of).orElse(OptionalInt.empty()),
        executors.map(OptionalInt::of).orElse(OptionalInt.empty()),
        flat(c.getConfig("launch.spark-conf")));
  }

  /** The value of {@code key} read by {@code read}, or empty when it is null. */
  private static <T> Optional<T> optional(
      Config c, String key, java.util.function.BiFunction<Config, String, T> read) {
    return c.getIsNull(key) ? Optional.empty() : Optional.of(read.apply(c, key));
  }

  private static AppConfig.SimilarityConfig similarity(Config c) {
    String mode = oneOf(c, "similarity.mode", Set.of("top-k", "threshold"));
    double threshold = c.getDouble("similarity.threshold");
    if (!Double.isFinite(threshold)) {
      throw new BadValue("similarity.threshold", "must be a finite number");
    }
    double shrinkage = c.getDouble("similarity.shrinkage");
    if (!(shrinkage >= 0)) {
      throw new BadValue("similarity.shrinkage", "must be 0 or more, got " + shrinkage);
    }
    int heavyCap = c.getInt("similarity.heavy-cap");
    if (heavyCap < 0) {
      throw new BadValue("similarity.heavy-cap", "must be 0 (off) or positive, got " + heavyCap);
    }
    double g = unit(c, "similarity.content.genre-weight");
    double d = unit(c, "similarity.content.decade-weight");
    double t = unit(c, "similarity.content.title-weight");
    if (Math.abs(g + d + t - 1) > 1e-9) {
      throw new BadValue(
          "similarity.content", "genre-weight + decade-weight + title-weight must be 1");
    }
    return new AppConfig.SimilarityConfig(
        positive(c, "similarity.block-size"),
        mode.equals("top-k"),
        positive(c, "similarity.k"),
        threshold,
        positive(c, "similarity.min-support"),
        shrinkage,
        heavyCap,
        positiveLong(c, "similarity.max-co-rating-updates"),
        positiveBytes(c, "similarity.max-shuffle-bytes"),
        c.getLong("similarity.seed"),
        c.getBoolean("similarity.movie-content"),
        c.getBoolean("similarity.user-content"),
        kinds(c, "similarity.movie-co-rating"),
        kinds(c, "similarity.user-co-rating"),
        g,
        d,
        t);
  }

  private static AppConfig.RecommendConfig recommend(Config c) {
    List<String> models = c.getStringList("recommend.models");
    if (models.isEmpty() || models.stream().anyMatch(String::isBlank)) {
      throw new BadValue("recommend.models", "must be [auto] or a non-empty list of model names");
    }
    if (models.contains(AUTO) && models.size() > 1) {
      throw new BadValue(
          "recommend.models", "is either [auto] or a list of model names, not both: " + models);
    }
    double g = unit(c, "recommend.similar.genre-weight");
    double w = unit(c, "recommend.similar.co-rating-weight");
    if (g + w <= 0) {
      throw new BadValue("recommend.similar", "genre-weight + co-rating-weight must be positive");
    }
    double like = c.getDouble("recommend.also-liked.like-threshold");
    if (!(like >= 1 && like <= 5)) {
      throw new BadValue("recommend.also-liked.like-threshold", "must be in [1, 5], got " + like);
    }
    return new AppConfig.RecommendConfig(
        models,
        nonBlank(c, "recommend.vector-model"),
        positive(c, "recommend.top-n"),
        positive(c, "recommend.block-size"),
        oneOf(c, "recommend.similar.co-rating-kind", CO_RATING_KINDS),
        g,
        w,
        like,
        positive(c, "recommend.also-liked.min-support"),
        positive(c, "recommend.also-liked.top-users"),
        positive(c, "recommend.also-liked.user-favourites"),
        nonNegative(c, "recommend.also-liked.heavy-cap"),
        positiveLong(c, "recommend.also-liked.max-pairs"),
        positive(c, "recommend.also-liked.block-size"),
        nonNegative(c, "recommend.min-ratings"));
  }

  private static AppConfig.EvaluateConfig evaluate(Config c) {
    double relevant = c.getDouble("evaluate.relevant-threshold");
    if (!(relevant >= 1 && relevant <= 5)) {
      throw new BadValue("evaluate.relevant-threshold", "must be in [1, 5], got " + relevant);
    }
    return new AppConfig.EvaluateConfig(
        cutOffs(c, "evaluate.ks"), cutOffs(c, "evaluate.curve-ks"), relevant);
  }

  private static AppConfig.RankingConfig ranking(Config c) {
    List<String> candidates = c.getStringList("ranking.candidates");
    if (candidates.isEmpty() || candidates.stream().anyMatch(String::isBlank)) {
      throw new BadValue("ranking.candidates", "must be a non-empty list of model names");
    }
    if (candidates.contains(AUTO)) {
      throw new BadValue("ranking.candidates", "lists models; '" + AUTO + "' is not one");
    }
    double lambda = c.getDouble("ranking.ease-lambda");
    if (!(lambda > 0 && Double.isFinite(lambda))) {
      throw new BadValue("ranking.ease-lambda", "must be positive, got " + lambda);
    }
    return new AppConfig.RankingConfig(
        candidates,
        positive(c, "ranking.selection-k"),
        lambda,
        positive(c, "ranking.ease-max-items"),
        positive(c, "ranking.knn-neighbours"),
        blendWeights(c, "ranking.blend-weights"));
  }

  private static List<Double> blendWeights(Config c, String key) {
    List<Double> w = c.getDoubleList(key);
    if (w.stream().anyMatch(x -> !(x > 0 && x < 1))) {
      throw new BadValue(key, "must be weights strictly between 0 and 1, got " + w);
    }
    return w;
  }

  private static List<Integer> positiveInts(Config c, String key) {
    List<Integer> v = c.getIntList(key);
    if (v.isEmpty() || v.stream().anyMatch(k -> k <= 0)) {
      throw new BadValue(key, "must be a non-empty list of positive ints, got " + v);
    }
    return v;
  }

  /** Metric cut-offs: positive, each once, ascending. */
  private static List<Integer> cutOffs(Config c, String key) {
    return positiveInts(c, key).stream().distinct().sorted().toList();
  }

  private static int nonNegative(Config c, String key) {
    int v = c.getInt(key);
    if (v < 0) {
      throw new BadValue(key, "must be 0 or more, got " + v);
    }
    return v;
  }

  private static AppConfig.TrainConfig train(Config c) {
    String method = oneOf(c, "train.split.method", Set.of("random", "temporal"));
    double test = fraction(c, "train.split.test-fraction");
    double validation = fraction(c, "train.split.validation-fraction");
    if (test + validation >= 1) {
      throw new BadValue(
          "train.split", "test-fraction + validation-fraction must leave training data");
    }
    String preset = oneOf(c, "train.model.preset", Set.of("default", "tutorial"));
    ModelConfig model = preset.equals("tutorial") ? tutorial(c) : model(c);
    List<Integer> ranks = positiveInts(c, "train.baselines.als-ranks");
    List<Double> regs = c.getDoubleList("train.baselines.als-reg-params");
    if (regs.isEmpty() || regs.stream().anyMatch(r -> !(r >= 0))) {
      throw new BadValue("train.baselines.als-reg-params", "must be a non-empty list, each >= 0");
    }
    double biasReg = c.getDouble("train.baselines.bias-regularization");
    if (!(biasReg >= 0)) {
      throw new BadValue("train.baselines.bias-regularization", "must be 0 or more");
    }
    return new AppConfig.TrainConfig(
        method,
        test,
        validation,
        c.getLong("train.split.seed"),
        positive(c, "train.partitions"),
        c.getBoolean("train.tutorial-preset") && preset.equals("default"),
        nonBlank(c, "train.checkpoint-dir"),
        model,
        new AppConfig.BaselineConfig(
            biasReg,
            positive(c, "train.baselines.bias-iterations"),
            c.getBoolean("train.baselines.als"),
            ranks,
            regs,
            positive(c, "train.baselines.als-iterations"),
            positive(c, "train.baselines.als-checkpoint-interval"),
            oneOf(c, "train.baselines.als-grid", Set.of("cross", "product")).equals("cross")),
        c.getBoolean("train.ranker.enabled")
            ? java.util.Optional.of(ranker(c, model))
            : java.util.Optional.empty(),
        positive(c, "train.ranker.validation-users"));
  }

  /**
   * The ranker: the regressor's towers (train.model's title and genre sizes and vector width; its
   * own id, tower and history widths) and its own training settings.
   */
  private static ModelConfig ranker(Config c, ModelConfig towers) {
    String r = "train.ranker.";
    checkTraining(c, r);
    if (!(c.getDouble(r + "temperature") > 0)) {
      throw new BadValue(r + "temperature", "must be positive");
    }
    return new ModelConfig(
        positive(c, r + "user-id-dim"),
        towers.demographicDim(),
        positive(c, r + "tower-dim"),
        positive(c, r + "movie-id-dim"),
        towers.genreDim(),
        towers.wordDim(),
        towers.titleLength(),
        towers.filters(),
        towers.windows(),
        towers.vectorDim(),
        c.getDouble(r + "dropout"),
        c.getBoolean(r + "biases"),
        c.getDouble(r + "learning-rate"),
        decay(c, r + "learning-rate-decay"),
        positive(c, r + "batch-size"),
        positive(c, r + "max-epochs"),
        nonNegative(c, r + "patience"),
        nonNegativeDouble(c, r + "min-improvement"),
        fraction(c, r + "averaging"),
        c.getDouble(r + "l2-embedding"),
        c.getDouble(r + "l2-dense"),
        fraction(c, r + "id-dropout"),
        positive(c, r + "syncs-per-epoch"),
        c.getLong(r + "seed"),
        ModelConfig.Objective.RANKING,
        nonNegative(c, r + "history-dim"),
        c.getDouble(r + "temperature"),
        fraction(c, r + "history-dropout"),
        nonNegativeDouble(c, r + "log-q-weight"),
        0,
        0);
  }

  private static ModelConfig tutorial(Config c) {
    return ModelConfig.tutorial(c.getLong("train.model.seed"));
  }

  private static ModelConfig model(Config c) {
    String m = "train.model.";
    List<Integer> windows = c.getIntList(m + "windows");
    int titleLength = positive(c, m + "title-length");
    if (windows.isEmpty() || windows.stream().anyMatch(w -> w < 1 || w > titleLength)) {
      throw new BadValue(m + "windows", "must be a non-empty list of sizes in [1, title-length]");
    }
    checkTraining(c, m);
    int patience = c.getInt(m + "patience");
    if (patience < 0) {
      throw new BadValue(m + "patience", "must be 0 (never stop early) or more");
    }
    return new ModelConfig(
        positive(c, m + "user-id-dim"),
        positive(c, m + "demographic-dim"),
        positive(c, m + "tower-dim"),
        positive(c, m + "movie-id-dim"),
        positive(c, m + "genre-dim"),
        positive(c, m + "word-dim"),
        titleLength,
        positive(c, m + "filters"),
        windows.stream().mapToInt(Integer::intValue).toArray(),
        positive(c, m + "vector-dim"),
        c.getDouble(m + "dropout"),
        c.getBoolean(m + "biases"),
        c.getDouble(m + "learning-rate"),
        decay(c, m + "learning-rate-decay"),
        positive(c, m + "batch-size"),
        positive(c, m + "max-epochs"),
        patience,
        nonNegativeDouble(c, m + "min-improvement"),
        fraction(c, m + "averaging"),
        c.getDouble(m + "l2-embedding"),
        c.getDouble(m + "l2-dense"),
        fraction(c, m + "id-dropout"),
        positive(c, m + "syncs-per-epoch"),
        c.getLong(m + "seed"),
        ModelConfig.Objective.RATING,
        nonNegative(c, m + "history-dim"),
        1.0,
        fraction(c, m + "history-dropout"),
        1.0,
        nonNegative(c, m + "user-ratings-dim"),
        nonNegative(c, m + "movie-ratings-dim"));
  }

  /** The training settings both towers' models share: dropout, learning rate, L2 weights. */
  private static void checkTraining(Config c, String prefix) {
    double dropout = c.getDouble(prefix + "dropout");
    if (!(dropout >= 0 && dropout < 1)) {
      throw new BadValue(prefix + "dropout", "must be in [0, 1), got " + dropout);
    }
    double lr = c.getDouble(prefix + "learning-rate");
    if (!(lr > 0)) {
      throw new BadValue(prefix + "learning-rate", "must be positive, got " + lr);
    }
    for (String k : List.of("l2-embedding", "l2-dense")) {
      if (!(c.getDouble(prefix + k) >= 0)) {
        throw new BadValue(prefix + k, "must be 0 or more");
      }
    }
  }

  private static double decay(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v > 0 && v <= 1)) {
      throw new BadValue(key, "must be in (0, 1], got " + v);
    }
    return v;
  }

  private static double fraction(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v >= 0 && v < 1)) {
      throw new BadValue(key, "must be in [0, 1), got " + v);
    }
    return v;
  }

  private static List<String> kinds(Config c, String key) {
    List<String> kinds = c.getStringList(key);
    for (String k : kinds) {
      if (!CO_RATING_KINDS.contains(k)) {
        throw new BadValue(
            key, "'" + k + "' is not one of " + new java.util.TreeSet<>(CO_RATING_KINDS));
      }
    }
    return kinds;
  }

  private static double nonNegativeDouble(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v >= 0)) {
      throw new BadValue(key, "must be 0 or more, got " + v);
    }
    return v;
  }

  private static double unit(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v >= 0 && v <= 1)) {
      throw new BadValue(key, "must be in [0, 1], got " + v);
    }
    return v;
  }

  private static String nonBlank(Config c, String key) {
    String v = c.getString(key);
    if (v.isBlank()) {
      throw new BadValue(key, "must not be empty");
    }
    return v;
  }

  private static String oneOf(Config c, String key, Set<String> allowed) {
    String v = c.getString(key);
    if (!allowed.contains(v)) {
      throw new BadValue(key, "'" + v + "' is not one of " + new java.util.TreeSet<>(allowed));
    }
    return v;
  }

  private static String memory(Config c, String key) {
    String v = c.getString(key);
    if (!MEMORY.matcher(v).matches()) {
      throw new BadValue(key, "'" + v + "' is not a memory size such as 512m or 4g");
    }
    return v;
  }

  private static int positive(Config c, String key) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw new BadValue(key, "must be positive, got " + v);
    }
    return v;
  }

  private static long positiveLong(Config c, String key) {
    long v = c.getLong(key);
    if (v <= 0) {
      throw new BadValue(key, "must be positive, got " + v);
    }
    return v;
  }

  private static long positiveBytes(Config c, String key) {
    long v = c.getBytes(key);
    if (v <= 0) {
      throw new BadValue(key, "must be positive, got " + v);
    }
    return v;
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
