package movierec.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import movierec.cli.OptionPairs;
import movierec.cli.UsageException;
import movierec.config.AppConfig;
import movierec.generate.GenerateSpec;
import movierec.generate.Generator;
import movierec.io.DirectorySwap;
import movierec.io.Preflight;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * generate: a synthetic MovieLens in the ML-1M layout (users.dat, movies.dat, ratings.dat) that
 * ingest reads unchanged, with a GENERATED.txt of its settings. The directory is written beside
 * {@code --out} and swapped in whole; an existing {@code --out} is replaced only if generate wrote
 * it.
 *
 * <p>Options: {@code --users U --movies M --ratings R --seed S --out DIR}; counts accept {@code
 * 25M}, {@code 162k}, {@code 1_000_209}. Defaults: ML-1M's shape, seed 42.
 */
public final class GenerateJob implements Job {
  public static final String NAME = "generate";
  public static final String MARKER = "GENERATED.txt";
  public static final String USAGE =
      NAME + " --out DIR [--users U] [--movies M] [--ratings R] [--seed S]";
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

  private final GenerateSpec spec;
  private final Path out;

  GenerateJob(GenerateSpec spec, Path out) {
    this.spec = spec;
    this.out = out;
  }

  public static GenerateJob fromArgs(AppConfig config, LocalDate runDate, List<String> args) {
    GenerateSpec d = GenerateSpec.ML_1M;
    Map<String, String> o =
        OptionPairs.parse(
            args, Set.of("--users", "--movies", "--ratings", "--seed", "--out"), USAGE);
    long users = o.containsKey("--users") ? count("--users", o.get("--users")) : d.users();
    long movies = o.containsKey("--movies") ? count("--movies", o.get("--movies")) : d.movies();
    long ratings =
        o.containsKey("--ratings") ? count("--ratings", o.get("--ratings")) : d.ratings();
    long seed = o.containsKey("--seed") ? number("--seed", o.get("--seed")) : d.seed();
    String out = o.get("--out");
    if (out == null || out.isBlank()) {
      throw new UsageException("--out DIR is required; usage: " + USAGE);
    }
    if (users > Integer.MAX_VALUE || movies > Integer.MAX_VALUE) {
      throw new UsageException("--users and --movies must be below 2^31");
    }
    return new GenerateJob(
        new GenerateSpec((int) users, (int) movies, ratings, seed), new Path(out));
  }

  /** A positive count: digits with optional _ or , separators and a k or M suffix. */
  static long count(String option, String v) {
    String s = v.replace("_", "").replace(",", "").toLowerCase(Locale.ROOT);
    long unit = 1;
    if (s.endsWith("k")) {
      unit = 1_000;
    } else if (s.endsWith("m")) {
      unit = 1_000_000;
    }
    String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
    try {
      long n = Math.multiplyExact(Long.parseLong(digits), unit);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    throw new UsageException(
        option + " needs a positive count such as 6040, 162k or 25M; got '" + v + "'");
  }

  private static long number(String option, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a whole number; got '" + v + "'");
    }
  }

  @Override
  public void preflight(Configuration conf) {
    try {
      FileSystem fs = out.getFileSystem(conf);
      if (fs.exists(out)) {
        FileStatus[] children = fs.listStatus(out);
        if (children.length > 0 && !fs.exists(new Path(out, MARKER))) {
          throw new UsageException(
              "--out "
                  + out
                  + " exists and was not written by generate (no "
                  + MARKER
                  + "); choose another directory or empty it");
        }
      }
      Path parent = fs.makeQualified(out).getParent();
      Preflight.writable("the directory of --out", parent.toString(), conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check --out " + out + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void run(SparkSession spark) {
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = jsc.hadoopConfiguration();
    Generator g = new Generator(jsc, spec);
    try {
      FileSystem fs = out.getFileSystem(conf);
      Path target = fs.makeQualified(out);
      String runId = UUID.randomUUID().toString();
      DirectorySwap.recover(fs, target);
      Path staging = DirectorySwap.staging(target, runId);
      try {
        write(fs, g.users(), staging, "users.dat");
        write(fs, g.movies(), staging, "movies.dat");
        write(fs, g.ratings(), staging, "ratings.dat");
        try (OutputStream o = fs.create(new Path(staging, MARKER), false)) {
          o.write(
              ("Synthetic MovieLens written by movierec generate\n" + spec.describe())
                  .getBytes(StandardCharsets.UTF_8));
        }
        DirectorySwap.swap(fs, staging, target, runId);
      } finally {
        fs.delete(staging, true);
      }
      LOG.info(
          "Generated {} users, {} movies, {} ratings (seed {}) in {} in {} s",
          spec.users(),
          spec.movies(),
          spec.ratings(),
          spec.seed(),
          target,
          String.format("%.1f", (System.nanoTime() - start) / 1e9));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  /** Saves the lines as part files, then concatenates them in order into one file. */
  private static void write(FileSystem fs, JavaRDD<String> lines, Path staging, String name)
      throws IOException {
    Path parts = new Path(staging, "_parts_" + name);
    lines.saveAsTextFile(parts.toString());
    FileStatus[] files = fs.listStatus(parts, p -> p.getName().startsWith("part-"));
    Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    try (OutputStream o = fs.create(new Path(staging, name), false)) {
      byte[] buf = new byte[1 << 20];
      for (FileStatus f : files) {
        try (InputStream in = fs.open(f.getPath())) {
          for (int n; (n = in.read(buf)) > 0; ) {
            o.write(buf, 0, n);
          }
        }
      }
    }
    fs.delete(parts, true);
  }
}
