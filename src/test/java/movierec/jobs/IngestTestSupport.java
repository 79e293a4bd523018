package movierec.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import movierec.io.DeltaTables;
import movierec.io.Table;
import movierec.io.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Config and table reading shared by the job tests. */
public final class IngestTestSupport {
  private IngestTestSupport() {}

  public static AppConfig config(Path input, Path warehouse, String... keyValues) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("input.path", input.toString());
    overrides.put("warehouse.path", warehouse.toString());
    for (int i = 0; i < keyValues.length; i += 2) {
      overrides.put(keyValues[i], keyValues[i + 1]);
    }
    return ConfigLoader.load(List.of(), overrides);
  }

  /**
   * One run date's partition of a table, as an analyst reads it: a Parquet table through the table
   * directory (a missing date gives no rows), a Delta table as the jobs read it ({@link
   * Tables#read}).
   */
  public static Dataset<Row> table(
      SparkSession spark, Path warehouse, Table table, String runDate) {
    Path dir = warehouse.resolve(table.name());
    if (Files.isDirectory(dir.resolve(DeltaTables.LOG_DIR))) {
      return Tables.read(spark, warehouse.toString(), table, LocalDate.parse(runDate));
    }
    return spark
        .read()
        .parquet(dir.toString())
        .filter(functions.col(Tables.RUN_DATE).equalTo(functions.lit(runDate)))
        .drop(Tables.RUN_DATE);
  }

  /** Copies the directory tree {@code from} (a warehouse) to {@code to}; returns {@code to}. */
  public static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  /** A new temporary directory, deleted with its contents when the JVM exits. */
  static Path tempDirDeletedAtExit(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    return dir;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is not worth failing the JVM's exit for.
    }
  }

  /**
   * Writes the lines of {@code from} whose first field, a user id, is at most {@code maxUser} to
   * {@code to}; returns how many.
   */
  static int firstUsers(Path from, Path to, int maxUser) throws IOException {
    try (Stream<String> lines = Files.lines(from, StandardCharsets.UTF_8)) {
      List<String> kept =
          lines.filter(l -> Integer.parseInt(l.substring(0, l.indexOf(':'))) <= maxUser).toList();
      Files.write(to, kept);
      return kept.size();
    }
  }
}
