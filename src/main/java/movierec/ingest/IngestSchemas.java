package movierec.ingest;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column names and schemas of the tables ingest writes. docs/tables.md documents the same columns;
 * {@code run_date} is added by the partition directory.
 */
public final class IngestSchemas {
  public static final String USER_ID = "user_id";
  public static final String GENDER = "gender";
  public static final String AGE = "age";
  public static final String AGE_YEARS = "age_years";
  public static final String OCCUPATION = "occupation";
  public static final String ZIP = "zip";

  public static final String MOVIE_ID = "movie_id";
  public static final String TITLE = "title";
  public static final String YEAR = "year";
  public static final String GENRES = "genres";
  public static final String TITLE_RAW = "title_raw";

  public static final String RATING = "rating";
  public static final String TIMESTAMP = "timestamp";
  public static final String RATED_AT = "rated_at";

  public static final String SOURCE_FILE = "source_file";
  public static final String LINE_NUMBER = "line_number";
  public static final String RAW = "raw";
  public static final String REASON = "reason";
  public static final String MESSAGE = "message";

  /** user_id, gender (M/F), age (ML-1M bucket code), age_years, occupation (code), zip. */
  public static final StructType USERS =
      new StructType()
          .add(USER_ID, DataTypes.IntegerType, false)
          .add(GENDER, DataTypes.StringType, true)
          .add(AGE, DataTypes.IntegerType, true)
          .add(AGE_YEARS, DataTypes.IntegerType, true)
          .add(OCCUPATION, DataTypes.IntegerType, true)
          .add(ZIP, DataTypes.StringType, true);

  public static final String LABEL = "label";
  public static final String MIN_YEARS = "min_years";
  public static final String MAX_YEARS = "max_years";
  public static final String NAME = "name";

  /** age (the users table's code), label, min_years, max_years (null: unbounded). */
  public static final StructType AGE_GROUPS =
      new StructType()
          .add(AGE, DataTypes.IntegerType, false)
          .add(LABEL, DataTypes.StringType, false)
          .add(MIN_YEARS, DataTypes.IntegerType, true)
          .add(MAX_YEARS, DataTypes.IntegerType, true);

  /** occupation (the users table's code), name. */
  public static final StructType OCCUPATIONS =
      new StructType()
          .add(OCCUPATION, DataTypes.IntegerType, false)
          .add(NAME, DataTypes.StringType, false);

  /** movie_id, title (no year), year, genres, title_raw (as in the file). */
  public static final StructType MOVIES =
      new StructType()
          .add(MOVIE_ID, DataTypes.IntegerType, false)
          .add(TITLE, DataTypes.StringType, false)
          .add(YEAR, DataTypes.IntegerType, true)
          .add(GENRES, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(TITLE_RAW, DataTypes.StringType, false);

  /** A ratings line as parsed: user_id, movie_id, rating (stars), timestamp (epoch seconds). */
  public static final StructType RATING_LINE =
      new StructType()
          .add(USER_ID, DataTypes.IntegerType, false)
          .add(MOVIE_ID, DataTypes.IntegerType, false)
          .add(RATING, DataTypes.DoubleType, false)
          .add(TIMESTAMP, DataTypes.LongType, false);

  /**
   * The ratings table: user_id, movie_id, rating (stars), rated_at (a TIMESTAMP; null where the
   * release has no time, as ml-1m-full's 0).
   */
  public static final StructType RATINGS =
      new StructType()
          .add(USER_ID, DataTypes.IntegerType, false)
          .add(MOVIE_ID, DataTypes.IntegerType, false)
          .add(RATING, DataTypes.DoubleType, false)
          .add(RATED_AT, DataTypes.TimestampType, true);

  /** One row per rejected input line: where it was, what it said, why it was rejected. */
  public static final StructType REJECTS =
      new StructType()
          .add(SOURCE_FILE, DataTypes.StringType, false)
          .add(LINE_NUMBER, DataTypes.LongType, false)
          .add(RAW, DataTypes.StringType, false)
          .add(REASON, DataTypes.StringType, false)
          .add(MESSAGE, DataTypes.StringType, false);

  private IngestSchemas() {}

  /**
   * A record's columns followed by the rejects columns: one row per input line, whose reason and
   * message are null while the line is clean. Every check keeps this shape, so every line stays
   * accounted for until the final split into a clean table and rejects.
   */
  public static StructType tagged(StructType record) {
    StructField[] meta = REJECTS.fields();
    StructField[] fields =
        Stream.concat(
                Arrays.stream(record.fields())
                    .map(f -> f.copy(f.name(), f.dataType(), true, f.metadata())),
                Arrays.stream(meta).map(f -> f.copy(f.name(), f.dataType(), true, f.metadata())))
            .toArray(StructField[]::new);
    return new StructType(fields);
  }
}
