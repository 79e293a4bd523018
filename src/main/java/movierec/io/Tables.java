package movierec.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import movierec.evaluate.EvaluateSchemas;
import movierec.features.FeatureSchemas;
import movierec.ingest.IngestSchemas;
import movierec.recommend.RecommendSchemas;
import movierec.similarity.NeighborSchemas;
import movierec.train.TrainSchemas;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Every table of the warehouse, declared once (name, columns, the stage that writes it, the order
 * of its rows), and where each table and run-date partition lives. Every table is partitioned by
 * {@link #RUN_DATE}.
 */
public final class Tables {
  private static final String INGEST = "ingest";
  private static final String FEATURES = "features";
  private static final String SIMILARITY = "similarity";
  private static final String TRAIN = "train";
  private static final String RECOMMEND = "recommend";
  private static final String EVALUATE = "evaluate";

  public static final Table USERS =
      new Table("users", IngestSchemas.USERS, INGEST, List.of(IngestSchemas.USER_ID));
  public static final Table MOVIES =
      new Table("movies", IngestSchemas.MOVIES, INGEST, List.of(IngestSchemas.MOVIE_ID));
  public static final Table RATINGS =
      new Table(
          "ratings",
          IngestSchemas.RATINGS,
          INGEST,
          List.of(IngestSchemas.USER_ID, IngestSchemas.MOVIE_ID));
  public static final Table REJECTS =
      new Table(
          "rejects",
          IngestSchemas.REJECTS,
          INGEST,
          List.of(IngestSchemas.SOURCE_FILE, IngestSchemas.LINE_NUMBER));
  public static final Table AGE_GROUPS = new Table("age_groups", IngestSchemas.AGE_GROUPS, INGEST);
  public static final Table OCCUPATIONS =
      new Table("occupations", IngestSchemas.OCCUPATIONS, INGEST);

  public static final Table USER_FEATURES =
      new Table(
          "user_features", FeatureSchemas.USER_FEATURES, FEATURES, List.of(FeatureSchemas.USER_ID));
  public static final Table MOVIE_FEATURES =
      new Table(
          "movie_features",
          FeatureSchemas.MOVIE_FEATURES,
          FEATURES,
          List.of(FeatureSchemas.MOVIE_ID));
  public static final Table FEATURE_VOCABULARY =
      new Table("feature_vocabulary", FeatureSchemas.VOCABULARY, FEATURES);
  public static final Table MOVIE_NEIGHBORS =
      new Table(
          "movie_neighbors",
          NeighborSchemas.MOVIE_NEIGHBORS,
          SIMILARITY,
          List.of(NeighborSchemas.KIND, NeighborSchemas.MOVIE_ID, NeighborSchemas.RANK));
  public static final Table USER_NEIGHBORS =
      new Table(
          "user_neighbors",
          NeighborSchemas.USER_NEIGHBORS,
          SIMILARITY,
          List.of(NeighborSchemas.KIND, NeighborSchemas.USER_ID, NeighborSchemas.RANK));

  public static final Table RATINGS_SPLIT =
      new Table(
          "ratings_split",
          TrainSchemas.RATINGS_SPLIT,
          TRAIN,
          List.of(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID));
  public static final Table TRAINING_HISTORY =
      new Table("training_history", TrainSchemas.TRAINING_HISTORY, TRAIN);
  public static final Table MODEL_METRICS =
      new Table("model_metrics", TrainSchemas.MODEL_METRICS, TRAIN);
  public static final Table USER_VECTORS =
      new Table("user_vectors", TrainSchemas.USER_VECTORS, TRAIN);
  public static final Table MOVIE_VECTORS =
      new Table("movie_vectors", TrainSchemas.MOVIE_VECTORS, TRAIN);

  public static final Table USER_TOP_MOVIES =
      new Table(
          "user_top_movies",
          RecommendSchemas.USER_TOP_MOVIES,
          RECOMMEND,
          List.of(RecommendSchemas.USER_ID, RecommendSchemas.MODEL, RecommendSchemas.RANK));
  public static final Table SIMILAR_MOVIES =
      new Table(
          "similar_movies",
          RecommendSchemas.SIMILAR_MOVIES,
          RECOMMEND,
          List.of(RecommendSchemas.MOVIE_ID, RecommendSchemas.METHOD, RecommendSchemas.RANK));
  public static final Table ALSO_LIKED =
      new Table(
          "also_liked",
          RecommendSchemas.ALSO_LIKED,
          RECOMMEND,
          List.of(RecommendSchemas.MOVIE_ID, RecommendSchemas.METHOD, RecommendSchemas.RANK));
  public static final Table SEGMENT_TOP_MOVIES =
      new Table("segment_top_movies", RecommendSchemas.SEGMENT_TOP_MOVIES, RECOMMEND);

  /** recommend's validation figures of every candidate model, the served one marked. */
  public static final Table MODEL_SELECTION =
      new Table("model_selection", EvaluateSchemas.METRICS, RECOMMEND);

  public static final Table METRICS = new Table("metrics", EvaluateSchemas.METRICS, EVALUATE);

  /** Every table, in the order the pipeline writes them. */
  public static final List<Table> ALL =
      List.of(
          USERS,
          MOVIES,
          RATINGS,
          REJECTS,
          AGE_GROUPS,
          OCCUPATIONS,
          USER_FEATURES,
          MOVIE_FEATURES,
          FEATURE_VOCABULARY,
          MOVIE_NEIGHBORS,
          USER_NEIGHBORS,
          RATINGS_SPLIT,
          TRAINING_HISTORY,
          MODEL_METRICS,
          USER_VECTORS,
          MOVIE_VECTORS,
          USER_TOP_MOVIES,
          SIMILAR_MOVIES,
          ALSO_LIKED,
          SEGMENT_TOP_MOVIES,
          MODEL_SELECTION,
          METRICS);

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

  public static Path table(String warehouse, Table table) {
    return table(warehouse, table.name());
  }

  public static Path partition(String warehouse, String table, LocalDate runDate) {
    return new Path(table(warehouse, table), partitionDirName(runDate));
  }

  public static Path partition(String warehouse, Table table, LocalDate runDate) {
    return partition(warehouse, table.name(), runDate);
  }

  public static String partitionDirName(LocalDate runDate) {
    return RUN_DATE + "=" + runDate;
  }

  /** The newest run date on or before {@code runDate} that {@code table} has a partition for. */
  public static Optional<LocalDate> latestOnOrBefore(
      SparkSession spark, String warehouse, Table table, LocalDate runDate) {
    return latestOnOrBefore(
        spark.sparkContext().hadoopConfiguration(), warehouse, table.name(), runDate);
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
   * The rows of {@code table}'s {@code runDate} partition if it was written: for Parquet, if its
   * directory exists; for Delta, if the table's latest commit replaced that partition (an empty
   * partition leaves no directory there).
   */
  public static java.util.OptionalLong rowsWritten(
      SparkSession spark, String warehouse, Table table, LocalDate runDate) {
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path dir = table(warehouse, table);
    if (DeltaTables.isDelta(dir, conf)) {
      return DeltaTables.committedRows(spark, dir, runDate);
    }
    Path p = partition(warehouse, table, runDate);
    return HadoopFiles.exists(p, conf)
        ? java.util.OptionalLong.of(ParquetRows.count(p, conf))
        : java.util.OptionalLong.empty();
  }

  /**
   * Whether {@code table}'s {@code runDate} partition was written. A Parquet partition always has
   * its directory; Delta makes none for a partition written with no rows (an empty {@code rejects},
   * say), which the writing stage's run manifest lists all the same.
   */
  public static boolean written(
      org.apache.hadoop.conf.Configuration conf, String warehouse, Table table, LocalDate runDate) {
    return HadoopFiles.exists(partition(warehouse, table, runDate), conf)
        || (DeltaTables.isDelta(table(warehouse, table), conf)
            && RunManifest.lists(conf, warehouse, table.writtenBy(), runDate, table.name()));
  }

  /**
   * One run date's partition of a table written by an earlier stage, without the run_date column.
   * Fails with a message naming the stage to run when the partition is missing, or when it lacks a
   * declared column or holds one of another type (written by another version).
   */
  public static Dataset<Row> read(
      SparkSession spark, String warehouse, Table table, LocalDate runDate) {
    Path p = partition(warehouse, table, runDate);
    // A Delta table keeps a partition's directory after a keep-runs delete until VACUUM: reading a
    // pruned date then gives no rows, not this message.
    if (!written(spark.sparkContext().hadoopConfiguration(), warehouse, table, runDate)) {
      throw new IllegalStateException(Preflight.missingPartition(table, runDate, p));
    }
    Path dir = table(warehouse, table);
    Dataset<Row> rows =
        DeltaTables.isDelta(dir, spark.sparkContext().hadoopConfiguration())
            ? DeltaTables.partition(spark, dir, runDate)
            : spark.read().parquet(p.toString());
    String d = table.differences(rows.schema(), true);
    if (!d.isEmpty()) {
      throw new IllegalStateException(
          "table "
              + table
              + " at "
              + p
              + " has "
              + d
              + ": it was written by another version of movierec; rerun the "
              + table.writtenBy()
              + " stage for "
              + runDate);
    }
    return rows;
  }
}
