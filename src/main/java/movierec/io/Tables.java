package movierec.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Table names and where each table and run-date partition lives in the warehouse. */
public final class Tables {
  public static final String USERS = "users";
  public static final String MOVIES = "movies";
  public static final String RATINGS = "ratings";
  public static final String REJECTS = "rejects";

  public static final String USER_FEATURES = "user_features";
  public static final String MOVIE_FEATURES = "movie_features";
  public static final String FEATURE_VOCABULARY = "feature_vocabulary";
  public static final String MOVIE_NEIGHBORS = "movie_neighbors";
  public static final String USER_NEIGHBORS = "user_neighbors";

  public static final String RATINGS_SPLIT = "ratings_split";
  public static final String TRAINING_HISTORY = "training_history";
  public static final String MODEL_METRICS = "model_metrics";
  public static final String USER_VECTORS = "user_vectors";
  public static final String MOVIE_VECTORS = "movie_vectors";

  public static final String USER_TOP_MOVIES = "user_top_movies";
  public static final String SIMILAR_MOVIES = "similar_movies";
  public static final String ALSO_LIKED = "also_liked";
  public static final String SEGMENT_TOP_MOVIES = "segment_top_movies";

  /** recommend's validation figures of every candidate model, the served one marked. */
  public static final String MODEL_SELECTION = "model_selection";

  public static final String METRICS = "metrics";

  /** The evaluate job's HTML report: {@code reports/<run date>/index.html} and its charts. */
  public static final String REPORTS = "reports";

  /** Model files, {@code <model>.model} per trained model (format: {@code ModelIo}). */
  public static final String MODELS = "models";

  /** The partition column every table carries; analysts see it as a date. */
  public static final String RUN_DATE = "run_date";

  private Tables() {}

  public static Path table(String warehouse, String table) {
    return new Path(warehouse, table);
  }

  public static Path partition(String warehouse, String table, LocalDate runDate) {
    return new Path(table(warehouse, table), partitionDirName(runDate));
  }

  public static String partitionDirName(LocalDate runDate) {
    return RUN_DATE + "=" + runDate;
  }

  /** The newest run date on or before {@code runDate} that {@code table} has a partition for. */
  public static Optional<LocalDate> latestOnOrBefore(
      SparkSession spark, String warehouse, String table, LocalDate runDate) {
    return latestOnOrBefore(spark.sparkContext().hadoopConfiguration(), warehouse, table, runDate);
  }

  /** The same, without Spark. */
  public static Optional<LocalDate> latestOnOrBefore(
      org.apache.hadoop.conf.Configuration conf,
      String warehouse,
      String table,
      LocalDate runDate) {
    Path dir = table(warehouse, table);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return Optional.empty();
      }
      LocalDate best = null;
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && name.startsWith(RUN_DATE + "=")) {
          LocalDate d = LocalDate.parse(name.substring(RUN_DATE.length() + 1));
          if (!d.isAfter(runDate) && (best == null || d.isAfter(best))) {
            best = d;
          }
        }
      }
      return Optional.ofNullable(best);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * One run date's partition of a table written by an earlier stage, without the run_date column.
   * Fails with a message naming the stage to run when the partition is missing.
   */
  public static Dataset<Row> read(
      SparkSession spark, String warehouse, String table, LocalDate runDate) {
    Path p = partition(warehouse, table, runDate);
    try {
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        throw new IllegalStateException(
            "table "
                + table
                + " has no partition for run date "
                + runDate
                + " at "
                + p
                + "; run the stage that writes it for that date first (see ./submit.sh --help)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + p + ": " + e.getMessage(), e);
    }
    return spark.read().parquet(p.toString());
  }
}
