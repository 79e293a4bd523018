package movierec.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import movierec.cli.ConfigSource;
import movierec.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private File file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toFile();
  }

  @Test
  void everyCommittedConfigFileLoadsAndValidates() throws IOException {
    Path project = movierec.SparkTestSupport.projectDir();
    File app = project.resolve("conf/application.conf").toFile();
    List<Path> layers;
    try (var conf = Files.list(project.resolve("conf"));
        var jobs = Files.list(project.resolve("jobs"))) {
      layers =
          java.util.stream.Stream.concat(conf, jobs)
              .filter(p -> p.toString().endsWith(".conf"))
              .filter(p -> !p.endsWith("application.conf") && !p.endsWith("stages.conf"))
              .sorted()
              .toList();
    }
    assertTrue(layers.size() >= 6, layers.toString());
    for (Path layer : layers) {
      AppConfig c = ConfigLoader.load(files(app, layer.toFile()), Map.of());
      assertFalse(c.warehousePath().isBlank(), layer.toString());
    }
  }

  @Test
  void defaultsComeFromReferenceConf() {
    AppConfig c = ConfigLoader.load(List.of(), Map.of());
    assertEquals("data/ml-1m", c.input().path());
    assertEquals("warehouse", c.warehousePath());
    assertEquals(0.01, c.ingest().maxRejectFraction());
    assertEquals("auto", c.input().format());
    assertEquals(movierec.io.TableFormat.PARQUET, c.warehouseFormat());
    assertEquals(
        movierec.io.TableFormat.DELTA,
        ConfigLoader.load(List.of(), Map.of("warehouse.format", "delta")).warehouseFormat());
  }

  @Test
  void laterFilesWinAndCommandLineWinsLast() throws IOException {
    File app = file("application.conf", "input.path = a\nwarehouse.path = w1\n");
    File env =
        file("local.conf", "input.path = b\nspark.conf { \"spark.sql.shuffle.partitions\" = 3 }");
    AppConfig c =
        ConfigLoader.load(
            files(app, env),
            Map.of(
                "warehouse.path",
                "hdfs://nn:8020/w",
                "ingest.max-reject-fraction",
                "0.2",
                "spark.executor.memory",
                "3g",
                "catalog.metastore",
                "hive"));
    assertEquals("b", c.input().path());
    assertEquals("hdfs://nn:8020/w", c.warehousePath());
    assertEquals(0.2, c.ingest().maxRejectFraction());
    assertEquals("3", c.spark().conf().get("spark.sql.shuffle.partitions"));
    assertEquals("3g", c.spark().conf().get("spark.executor.memory"));
  }

  @Test
  void secretLookingSparkSettingsAreMaskedInTheLoggedConfig() {
    AppConfig c = ConfigLoader.load(List.of(), Map.of("spark.hadoop.fs.s3a.secret.key", "hunter2"));
    assertTrue(c.toString().contains("spark.hadoop.fs.s3a.secret.key=*****"), c.toString());
    assertTrue(!c.toString().contains("hunter2"));
    assertEquals("hunter2", c.spark().conf().get("spark.hadoop.fs.s3a.secret.key"));
  }

  @Test
  void unknownKeyIsNamedWithWhereItWasSet() throws IOException {
    File app = file("application.conf", "ingest.max-reject-fracton = 0.5\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(files(app), Map.of()));
    assertTrue(e.getMessage().contains("ingest.max-reject-fracton"), e.getMessage());
    assertTrue(e.getMessage().contains("application.conf"), e.getMessage());
    assertTrue(e.getMessage().contains("max-reject-fraction"), e.getMessage());
    ConfigException cli =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.load(List.of(), Map.of("inptu.path", "x")));
    assertTrue(cli.getMessage().contains("inptu.path"), cli.getMessage());
  }

  @Test
  void badValuesNameTheKey() {
    assertBad("ingest.max-reject-fraction", "1.5");
    assertBad("ingest.max-reject-fraction", "lots");
    assertBad("input.format", "ml-2m");
    assertBad("input.charset", "klingon-8");
    assertBad("launch.driver-memory", "two gigs");
    assertBad("launch.executor-cores", "0");
    assertBad("launch.deploy-mode", "yarn");
    assertBad("warehouse.path", "");
    assertBad("warehouse.format", "orc");
    assertBad("train.split.method", "by-phase-of-moon");
    assertBad("train.split.test-fraction", "1.2");
    assertBad("train.model.dropout", "1");
    assertBad("train.model.windows", "[2, 99]");
    assertBad("train.model.learning-rate-decay", "0");
    assertBad("train.baselines.als-ranks", "[]");
    assertBad("train.baselines.als-ranks", "[10, x]");
    assertBad("train.baselines.als-reg-params", "[-1]");
    assertBad("train.ranker.temperature", "0");
    assertBad("train.ranker.batch-size", "0");
    assertBad("features.refit", "maybe");
    assertBad("similarity.mode", "all");
    assertBad("similarity.movie-co-rating", "[jaccard]");
    assertBad("similarity.max-shuffle-bytes", "0");
    assertBad("recommend.models", "[auto, ease]");
    assertBad("recommend.similar.co-rating-kind", "jaccard");
    assertBad("recommend.also-liked.like-threshold", "6");
    assertBad("ranking.candidates", "[auto]");
    assertBad("ranking.blend-weights", "[1.5]");
    assertBad("evaluate.relevant-threshold", "0");
    assertBad("evaluate.ks", "[0]");
    assertBad("fetch.timeout-seconds", "0");
    assertBad("fetch.base-url", "");
    // A check over several values names their subtree.
    assertBad("similarity.content.genre-weight", "0.9", "similarity.content");
    assertBad("train.split.validation-fraction", "0.95", "train.split");
  }

  @Test
  void trainSettingsListsFromTheCommandLineAndPresets() {
    AppConfig c =
        ConfigLoader.load(
            List.of(),
            Map.of(
                "train.baselines.als-ranks", "[5, 7]",
                "train.model.windows", "[2,3]",
                "warehouse.path", "/w"));
    assertEquals(List.of(5, 7), c.train().baselines().alsRanks());
    assertEquals(2, c.train().model().windows().length);
    assertEquals("/w/_checkpoints", c.train().checkpointDir(), "follows warehouse.path");
    assertFalse(c.train().tutorialPreset(), "a comparison, off unless asked for");
    AppConfig t =
        ConfigLoader.load(
            List.of(), Map.of("train.model.preset", "tutorial", "train.tutorial-preset", "true"));
    assertEquals(movierec.model.ModelConfig.tutorial(42), t.train().model());
    assertFalse(t.train().tutorialPreset(), "the tutorial is not trained twice");
  }

  @Test
  void missingFileAndBadSyntaxAreClear() throws IOException {
    ConfigException missing =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(files(new File(dir.toFile(), "nope.conf")), Map.of()));
    assertTrue(missing.getMessage().contains("nope.conf"));
    File broken = file("broken.conf", "input { path = \n");
    ConfigException syntax =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(files(broken), Map.of()));
    assertTrue(syntax.getMessage().contains("broken.conf"), syntax.getMessage());
  }

  @Test
  void nestedSparkSettingMustBeQuoted() throws IOException {
    File f = file("x.conf", "spark.conf { spark.sql.shuffle.partitions = 3 }");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(files(f), Map.of()));
    assertTrue(e.getMessage().contains("quote"), e.getMessage());
  }

  private static void assertBad(String key, String value) {
    assertBad(key, value, key);
  }

  private static void assertBad(String key, String value, String named) {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(List.of(), Map.of(key, value)),
            key + "=" + value + " should be rejected");
    assertTrue(e.getMessage().contains(named), e.getMessage());
  }

  @Test
  void inlineTextLayersLikeTheFileItCameFrom() throws IOException {
    File app = file("application.conf", "input.path = a\nwarehouse.path = w1\n");
    String envText = "input.path = b\nsimilarity.k = 7\n";
    AppConfig fromFiles = ConfigLoader.load(files(app, file("local.conf", envText)), Map.of());
    AppConfig mixed =
        ConfigLoader.load(
            List.of(ConfigSource.file(app), ConfigSource.inline("local.conf", envText)), Map.of());
    assertEquals(fromFiles.toString(), mixed.toString());
    assertEquals("b", mixed.input().path());
    assertEquals(7, mixed.similarity().k());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    List.of(ConfigSource.inline("x.conf", "similarty.k = 1")), Map.of()));
    assertTrue(e.getMessage().contains("x.conf (inline)"), e.getMessage());
  }

  private static List<ConfigSource> files(File... files) {
    return java.util.Arrays.stream(files).map(ConfigSource::file).toList();
  }
}
