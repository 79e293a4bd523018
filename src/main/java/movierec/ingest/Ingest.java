package movierec.ingest;

import static movierec.ingest.IngestSchemas.LINE_NUMBER;
import static movierec.ingest.IngestSchemas.MOVIE_ID;
import static movierec.ingest.IngestSchemas.REASON;
import static movierec.ingest.IngestSchemas.SOURCE_FILE;
import static movierec.ingest.IngestSchemas.USER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import movierec.ingest.MovieLensFormat.SourceFile;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Parses and checks a MovieLens directory into the users, movies, ratings and rejects tables.
 *
 * <p>Order of checks: each line is parsed on its own ({@link TaggedLines}); then repeated user and
 * movie ids are rejected (first line wins); then ratings whose user or movie is not in the clean
 * users or movies (when the layout has that file); then repeated (user, movie) ratings (latest
 * timestamp wins). A line gets the first reason that applies.
 */
public final class Ingest {
  private Ingest() {}

  /** What ingest produced, and how every line of every file was accounted for. */
  public record Result(
      Dataset<Row> users,
      Dataset<Row> movies,
      Dataset<Row> ratings,
      Dataset<Row> rejects,
      List<FileCount> counts,
      List<Dataset<Row>> cached) {

    public long linesRead() {
      return counts.stream().mapToLong(FileCount::lines).sum();
    }

    public long rejected() {
      return counts.stream().mapToLong(FileCount::rejects).sum();
    }

    public long headers() {
      return counts.stream().mapToLong(FileCount::headers).sum();
    }

    public void unpersist() {
      cached.forEach(Dataset::unpersist);
    }
  }

  /** Lines of one file: read = clean + rejects + headers, and the rejects by reason. */
  public record FileCount(
      String file, long lines, long clean, long rejects, long headers, Map<String, Long> byReason) {
    public FileCount {
      byReason = Map.copyOf(byReason);
    }
  }

  /** Reads and checks the configured input, its layout resolved from the files present. */
  public static Result run(SparkSession spark, InputConfig input) {
    Path dir = new Path(input.path());
    MovieLensFormat format =
        MovieLensFormat.resolve(input.format(), dir, spark.sparkContext().hadoopConfiguration());
    return run(spark, format, dir, input.charset());
  }

  /**
   * Reads and checks {@code dir}; {@code charset} is "auto" or a charset for every file. The lines
   * are counted here (the first Spark job): a file that vanishes or cannot be read meanwhile (a
   * directory replaced or deleted mid-run) fails with one line that says so.
   */
  public static Result run(SparkSession spark, MovieLensFormat format, Path dir, String charset) {
    try {
      return readAndCheck(spark, format, dir, charset);
    } catch (Exception e) { // Spark's job failures are checked exceptions thrown unchecked
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof java.io.IOException io) {
          throw new IngestException(
              String.format(
                  "the input at %s could not be read while ingest ran (%s: %s); nothing was"
                      + " written. Check that the directory is complete and stays in place, and"
                      + " rerun.",
                  dir, io.getClass().getSimpleName(), io.getMessage()));
        }
      }
      throw e;
    }
  }

  private static Result readAndCheck(
      SparkSession spark, MovieLensFormat format, Path dir, String charset) {
    Dataset<Row> movies = read(spark, dir, format.movies(), charset, IngestSchemas.MOVIES);
    movies = persist(IngestChecks.markDuplicateIds(movies, MOVIE_ID, RejectReason.DUPLICATE_MOVIE));
    Dataset<Row> cleanMovies = IngestChecks.clean(movies, IngestSchemas.MOVIES);

    Dataset<Row> ratings = read(spark, dir, format.ratings(), charset, IngestSchemas.RATING_LINE);
    Dataset<Row> users;
    Dataset<Row> cleanUsers;
    List<Dataset<Row>> tagged = new ArrayList<>();
    if (format.users().isPresent()) {
      SourceFile usersFile = format.users().get();
      users = read(spark, dir, usersFile, charset, IngestSchemas.USERS);
      users = persist(IngestChecks.markDuplicateIds(users, USER_ID, RejectReason.DUPLICATE_USER));
      cleanUsers = IngestChecks.clean(users, IngestSchemas.USERS);
      ratings =
          IngestChecks.markUnknown(
              ratings, USER_ID, cleanUsers, usersFile.name(), RejectReason.UNKNOWN_USER);
      tagged.add(users);
    } else {
      users = null;
      cleanUsers = null;
    }
    ratings =
        IngestChecks.markUnknown(
            ratings, MOVIE_ID, cleanMovies, format.movies().name(), RejectReason.UNKNOWN_MOVIE);
    ratings = persist(IngestChecks.markDuplicateRatings(ratings));
    tagged.add(movies);
    tagged.add(ratings);
    Dataset<Row> cleanRatings =
        ratingsTable(IngestChecks.clean(ratings, IngestSchemas.RATING_LINE));
    if (cleanUsers == null) {
      cleanUsers = usersFromRatings(cleanRatings);
    }

    Dataset<Row> rejects = null;
    for (Dataset<Row> t : tagged) {
      Dataset<Row> r = IngestChecks.rejects(t);
      rejects = rejects == null ? r : rejects.unionByName(r);
    }
    return new Result(
        cleanUsers, cleanMovies, cleanRatings, rejects, countLines(tagged, format), tagged);
  }

  private static Dataset<Row> read(
      SparkSession spark, Path dir, SourceFile file, String charset, StructType record) {
    Charset cs = charset.equals("auto") ? file.charset() : Charset.forName(charset);
    return TaggedLines.read(
        spark, new Path(dir, file.name()), file.name(), cs, file.parser(), record);
  }

  private static Dataset<Row> persist(Dataset<Row> d) {
    return d.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * Parsed rating lines as the ratings table: the epoch seconds as a TIMESTAMP, and 0 (a release's
   * "unknown", as in ml-1m-full) as null rather than 1970-01-01.
   */
  static Dataset<Row> ratingsTable(Dataset<Row> lines) {
    Column seconds = col(IngestSchemas.TIMESTAMP);
    return lines.select(
        col(USER_ID),
        col(MOVIE_ID),
        col(IngestSchemas.RATING),
        when(seconds.gt(0), timestamp_seconds(seconds)).as(IngestSchemas.RATED_AT));
  }

  /** Layouts without a users file still get a users table: ids, no demographics. */
  private static Dataset<Row> usersFromRatings(Dataset<Row> ratings) {
    StructType schema = IngestSchemas.USERS;
    List<Column> cols = new ArrayList<>();
    cols.add(col(USER_ID));
    for (String c : schema.fieldNames()) {
      if (!c.equals(USER_ID)) {
        cols.add(lit(null).cast(schema.apply(c).dataType()).as(c));
      }
    }
    return ratings.select(USER_ID).distinct().select(cols.toArray(Column[]::new));
  }

  /**
   * One Spark job over every tagged row: per file and reason, the row count and the highest line
   * number. Line numbers run 1..n without gaps, so a file whose row count differs from its highest
   * line number lost or duplicated a line somewhere: that is a bug, and ingest stops.
   */
  private static List<FileCount> countLines(List<Dataset<Row>> tagged, MovieLensFormat format) {
    Dataset<Row> meta = null;
    for (Dataset<Row> t : tagged) {
      Dataset<Row> m = t.select(SOURCE_FILE, LINE_NUMBER, REASON);
      meta = meta == null ? m : meta.unionByName(m);
    }
    List<Row> groups =
        meta.groupBy(SOURCE_FILE, REASON)
            .agg(count(lit(1)).as("n"), max(LINE_NUMBER).as("last"))
            .collectAsList();
    Map<String, long[]> totals = new LinkedHashMap<>();
    format.files().forEach(f -> totals.put(f.name(), new long[4]));
    Map<String, Map<String, Long>> reasons = new TreeMap<>();
    for (Row g : groups) {
      String file = g.getString(0);
      String reason = g.isNullAt(1) ? null : g.getString(1);
      long n = g.getLong(2);
      long[] t = totals.computeIfAbsent(file, f -> new long[4]);
      t[0] = Math.max(t[0], g.getLong(3));
      if (reason == null) {
        t[1] += n;
      } else if (reason.equals(TaggedLines.HEADER)) {
        t[3] += n;
      } else {
        t[2] += n;
        reasons.computeIfAbsent(file, f -> new TreeMap<>()).put(reason, n);
      }
    }
    List<FileCount> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : new TreeMap<>(totals).entrySet()) {
      long[] t = e.getValue();
      if (t[1] + t[2] + t[3] != t[0]) {
        throw new IllegalStateException(
            e.getKey()
                + ": "
                + t[0]
                + " lines read but "
                + (t[1] + t[2] + t[3])
                + " accounted for (clean + rejects + header); this is a bug in ingest");
      }
      out.add(
          new FileCount(
              e.getKey(), t[0], t[1], t[2], t[3], reasons.getOrDefault(e.getKey(), Map.of())));
    }
    return out;
  }
}
