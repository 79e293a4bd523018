package movierec.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import movierec.cli.Converters;
import movierec.cli.UsageException;
import movierec.generate.GenerateSpec;
import movierec.generate.Generator;
import movierec.generate.Layout;
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
import picocli.CommandLine.Option;

/**
 * generate: a synthetic MovieLens that ingest reads unchanged, in the ML-1M layout (users.dat,
 * movies.dat, ratings.dat) or the CSV layout of ML-20M/25M/32M (ratings.csv and movies.csv with
 * headers, half stars, no users file), with a GENERATED.txt of its settings. The directory is
 * written beside {@code --out} and swapped in whole; an existing {@code --out} is replaced only if
 * generate wrote it.
 */
public final class GenerateJob implements Job {
  public static final String NAME = "generate";
  public static final String MARKER = "GENERATED.txt";
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

  private final GenerateSpec spec;
  private final Path out;
  private final Layout layout;

  public GenerateJob(GenerateSpec spec, Path out) {
    this(spec, out, Layout.ML_1M);
  }

  public GenerateJob(GenerateSpec spec, Path out, Layout layout) {
    this.spec = spec;
    this.out = out;
    this.layout = layout;
  }

  /** generate's options; counts accept 25M, 162k, 1_000_209. */
  public static final class Options extends JobCommand {
    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Where to write the dataset (replaced only if generate wrote it).")
    String out;

    @Option(
        names = "--users",
        paramLabel = "N",
        converter = Converters.Count.class,
        description = "Number of users (default: ML-1M's, ${DEFAULT-VALUE}).")
    long users = GenerateSpec.ML_1M.users();

    @Option(
        names = "--movies",
        paramLabel = "N",
        converter = Converters.Count.class,
        description = "Number of movies (default: ${DEFAULT-VALUE}).")
    long movies = GenerateSpec.ML_1M.movies();

    @Option(
        names = "--ratings",
        paramLabel = "N",
        converter = Converters.Count.class,
        description = "Number of ratings (default: ${DEFAULT-VALUE}).")
    long ratings = GenerateSpec.ML_1M.ratings();

    @Option(
        names = "--seed",
        paramLabel = "S",
        description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = GenerateSpec.ML_1M.seed();

    @Option(
        names = "--layout",
        paramLabel = "ml-1m|csv",
        description =
            "ml-1m: users.dat, movies.dat, ratings.dat; csv: ratings.csv and movies.csv with"
                + " headers and half stars, no users file, as ML-20M/25M/32M (default:"
                + " ${DEFAULT-VALUE}).")
    String layout = "ml-1m";

    @Override
    public Job create(AppConfig config, LocalDate runDate) {
      if (out.isBlank()) {
        throw new UsageException("--out needs a directory");
      }
      if (users > Integer.MAX_VALUE || movies > Integer.MAX_VALUE) {
        throw new UsageException("--users and --movies must be below 2^31");
      }
      return new GenerateJob(
          new GenerateSpec((int) users, (int) movies, ratings, seed),
          new Path(out),
          Layout.of(layout));
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
        if (layout == Layout.CSV) {
          write(fs, g.movies(layout), staging, "movies.csv", CSV_MOVIES_HEADER);
          write(fs, g.ratings(layout), staging, "ratings.csv", CSV_RATINGS_HEADER);
        } else {
          write(fs, g.users(), staging, "users.dat", null);
          write(fs, g.movies(), staging, "movies.dat", null);
          write(fs, g.ratings(), staging, "ratings.dat", null);
        }
        try (OutputStream o = fs.create(new Path(staging, MARKER), false)) {
          o.write(
              ("Synthetic MovieLens written by movierec generate\n"
                      + spec.describe()
                      + "layout "
                      + layout.code()
                      + "\n")
                  .getBytes(StandardCharsets.UTF_8));
        }
        DirectorySwap.swap(fs, staging, target, runId);
      } finally {
        fs.delete(staging, true);
      }
      LOG.info(
          "Generated {} users, {} movies, {} ratings (seed {}, {} layout) in {} in {} s",
          spec.users(),
          spec.movies(),
          spec.ratings(),
          spec.seed(),
          layout.code(),
          target,
          String.format("%.1f", (System.nanoTime() - start) / 1e9));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  /** ML-25M's headers, as ingest's CSV layout expects them. */
  static final String CSV_RATINGS_HEADER = "userId,movieId,rating,timestamp";

  static final String CSV_MOVIES_HEADER = "movieId,title,genres";

  /**
   * Saves the lines as part files, then concatenates them in order into one file, after {@code
   * header} (a line) when not null.
   */
  private static void write(
      FileSystem fs, JavaRDD<String> lines, Path staging, String name, String header)
      throws IOException {
    Path parts = new Path(staging, "_parts_" + name);
    lines.saveAsTextFile(parts.toString());
    FileStatus[] files = fs.listStatus(parts, p -> p.getName().startsWith("part-"));
    Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    try (OutputStream o = fs.create(new Path(staging, name), false)) {
      if (header != null) {
        o.write((header + "\n").getBytes(StandardCharsets.UTF_8));
      }
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
