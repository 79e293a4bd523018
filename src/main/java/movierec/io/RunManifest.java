package movierec.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a run wrote, for operators: after a job commits, {@code
 * <warehouse>/_runs/<job>/run_date=D/manifest.json} holds its tables and their row counts, the code
 * version, a hash of the effective settings, and its start and end times. When every pipeline stage
 * has a manifest for a date, {@code _runs/_LATEST} names the newest such date: the one run whose
 * tables all belong together, which {@code recommend-for} reads.
 */
public final class RunManifest {
  /** The folder of manifests under the warehouse. */
  public static final String RUNS = "_runs";

  /** The file naming the newest complete run date. */
  public static final String LATEST = "_LATEST";

  private RunManifest() {}

  /** One written table: its name and rows. */
  public record TableRows(String table, long rows) {}

  /** The commit the jar was built from (git.properties), or "unknown". */
  public static String codeVersion() {
    try (InputStream in = RunManifest.class.getResourceAsStream("/movierec/git.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String id = p.getProperty("git.commit.id.abbrev", "unknown");
      return "true".equals(p.getProperty("git.dirty")) ? id + "-dirty" : id;
    } catch (IOException e) {
      return "unknown";
    }
  }

  public static Path manifest(String warehouse, String job, LocalDate runDate) {
    return new Path(
        new Path(new Path(warehouse, RUNS), job),
        Tables.partitionDirName(runDate) + "/manifest.json");
  }

  /** Writes (or replaces) a job's manifest: through a temporary file, so it is whole or absent. */
  public static void write(
      Configuration conf,
      String warehouse,
      String job,
      LocalDate runDate,
      List<TableRows> tables,
      String settingsHash,
      Instant started,
      Instant ended) {
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"job\": ").append(Json.quote(job));
    json.append(",\n  \"run_date\": ").append(Json.quote(runDate.toString()));
    json.append(",\n  \"code_version\": ").append(Json.quote(codeVersion()));
    json.append(",\n  \"settings_sha256\": ").append(Json.quote(settingsHash));
    json.append(",\n  \"started\": ").append(Json.quote(started.toString()));
    json.append(",\n  \"ended\": ").append(Json.quote(ended.toString()));
    json.append(",\n  \"tables\": [");
    for (int i = 0; i < tables.size(); i++) {
      TableRows t = tables.get(i);
      json.append(i == 0 ? "\n" : ",\n")
          .append("    {\"table\": ")
          .append(Json.quote(t.table()))
          .append(", \"rows\": ")
          .append(t.rows())
          .append("}");
    }
    json.append(tables.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    Path target = manifest(warehouse, job, runDate);
    try {
      writeWhole(conf, target, json.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e, e);
    }
  }

  /**
   * After a commit: when every stage of {@code stages} has a manifest for {@code runDate} and that
   * date is newer than {@code _LATEST}'s, makes it the latest; returns the latest complete date.
   */
  public static Optional<LocalDate> markIfComplete(
      Configuration conf, String warehouse, List<String> stages, LocalDate runDate) {
    try {
      FileSystem fs = new Path(warehouse).getFileSystem(conf);
      Optional<LocalDate> latest = latest(conf, warehouse);
      for (String stage : stages) {
        if (!fs.exists(manifest(warehouse, stage, runDate))) {
          return latest;
        }
      }
      if (latest.isPresent() && !runDate.isAfter(latest.get())) {
        return latest;
      }
      writeWhole(conf, new Path(new Path(warehouse, RUNS), LATEST), runDate + "\n");
      return Optional.of(runDate);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark the run of " + runDate + ": " + e, e);
    }
  }

  /** The newest date on or before {@code onOrBefore} for which every stage has a manifest. */
  public static Optional<LocalDate> latestComplete(
      Configuration conf, String warehouse, List<String> stages, LocalDate onOrBefore) {
    try {
      FileSystem fs = new Path(warehouse).getFileSystem(conf);
      TreeSet<LocalDate> complete = completeDates(fs, warehouse, stages);
      return Optional.ofNullable(complete.floor(onOrBefore));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the runs under " + warehouse + ": " + e, e);
    }
  }

  private static TreeSet<LocalDate> completeDates(
      FileSystem fs, String warehouse, List<String> stages) throws IOException {
    TreeSet<LocalDate> complete = null;
    for (String stage : stages) {
      TreeSet<LocalDate> dates = dates(fs, new Path(new Path(warehouse, RUNS), stage));
      if (complete == null) {
        complete = dates;
      } else {
        complete.retainAll(dates);
      }
    }
    return complete == null ? new TreeSet<>() : complete;
  }

  /** The date in {@code _LATEST}, if any. */
  public static Optional<LocalDate> latest(Configuration conf, String warehouse) {
    return readIfExists(conf, new Path(new Path(warehouse, RUNS), LATEST))
        .map(text -> LocalDate.parse(text.strip()));
  }

  /**
   * Whether {@code job}'s manifest for {@code runDate} lists {@code table}: the job committed that
   * table's partition, whatever its number of rows.
   */
  public static boolean lists(
      Configuration conf, String warehouse, String job, LocalDate runDate, String table) {
    return readIfExists(conf, manifest(warehouse, job, runDate))
        .map(text -> text.contains("{\"table\": " + Json.quote(table) + ","))
        .orElse(false);
  }

  private static Optional<String> readIfExists(Configuration conf, Path p) {
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(p)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + ": " + e, e);
    }
  }

  /**
   * Keeps the newest {@code keep} complete runs: deletes every table's (and every job's manifest's)
   * partitions of dates older than the oldest of them. Returns the dates deleted. A Delta table's
   * partitions are deleted by {@code deltaDeleteBefore} (table, oldest date kept), which returns
   * the dates it deleted.
   */
  public static List<LocalDate> prune(
      Configuration conf,
      String warehouse,
      List<String> stages,
      int keep,
      BiFunction<Path, LocalDate, List<LocalDate>> deltaDeleteBefore) {
    try {
      FileSystem fs = new Path(warehouse).getFileSystem(conf);
      TreeSet<LocalDate> complete = completeDates(fs, warehouse, stages);
      if (complete.size() <= keep) {
        return List.of();
      }
      LocalDate oldestKept = new ArrayList<>(complete.descendingSet()).get(keep - 1);
      TreeSet<LocalDate> deleted = new TreeSet<>();
      List<Path> dirs = new ArrayList<>();
      for (FileStatus st : fs.listStatus(new Path(warehouse))) {
        String name = st.getPath().getName();
        if (st.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
          dirs.add(st.getPath());
        }
      }
      for (String stage : stages) {
        dirs.add(new Path(new Path(warehouse, RUNS), stage));
      }
      for (Path dir : dirs) {
        if (DeltaTables.isDelta(dir, conf)) {
          // Files under a Delta table belong to its log: deleting them would corrupt it.
          deleted.addAll(deltaDeleteBefore.apply(dir, oldestKept));
          continue;
        }
        for (Map.Entry<LocalDate, Path> e : partitions(fs, dir).entrySet()) {
          if (e.getKey().isBefore(oldestKept)) {
            fs.delete(e.getValue(), true);
            deleted.add(e.getKey());
          }
        }
      }
      return List.copyOf(deleted);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune old runs under " + warehouse + ": " + e, e);
    }
  }

  private static TreeSet<LocalDate> dates(FileSystem fs, Path dir) throws IOException {
    return new TreeSet<>(partitions(fs, dir).keySet());
  }

  /** The run_date=D folders of {@code dir} (a table, or a job's manifests), by date. */
  private static Map<LocalDate, Path> partitions(FileSystem fs, Path dir) throws IOException {
    Map<LocalDate, Path> out = new java.util.TreeMap<>();
    if (!fs.exists(dir)) {
      return out;
    }
    String prefix = Tables.RUN_DATE + "=";
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (st.isDirectory() && name.startsWith(prefix)) {
        try {
          out.put(LocalDate.parse(name.substring(prefix.length())), st.getPath());
        } catch (java.time.format.DateTimeParseException e) {
          // Not a partition of ours: left alone.
        }
      }
    }
    return out;
  }

  private static void writeWhole(Configuration conf, Path target, String text) throws IOException {
    FileSystem fs = target.getFileSystem(conf);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    fs.mkdirs(target.getParent());
    try (FSDataOutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }
}
