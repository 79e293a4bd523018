package movierec.ingest;

import static movierec.ingest.IngestSchemas.LINE_NUMBER;
import static movierec.ingest.IngestSchemas.MESSAGE;
import static movierec.ingest.IngestSchemas.MOVIE_ID;
import static movierec.ingest.IngestSchemas.REASON;
import static movierec.ingest.IngestSchemas.TIMESTAMP;
import static movierec.ingest.IngestSchemas.USER_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;

/**
 * Checks across lines, as pure transforms of tagged rows ({@link IngestSchemas#tagged}): each
 * returns the same rows, with reason and message set on the clean rows that fail the check.
 */
public final class IngestChecks {
  private static final String FIRST = "_first_line";
  private static final String KNOWN = "_known_id";
  private static final String RANK = "_rank";

  private IngestChecks() {}

  /** Rejects every line that repeats an id already defined on an earlier line; the first wins. */
  public static Dataset<Row> markDuplicateIds(
      Dataset<Row> tagged, String idColumn, RejectReason reason) {
    Dataset<Row> clean = tagged.filter(col(REASON).isNull());
    Column dup = col(LINE_NUMBER).gt(col(FIRST));
    Dataset<Row> marked =
        clean
            .withColumn(FIRST, min(LINE_NUMBER).over(Window.partitionBy(idColumn)))
            .withColumn(REASON, when(dup, lit(reason.code())))
            .withColumn(
                MESSAGE,
                when(
                    dup,
                    concat(
                        lit(idColumn + " "),
                        col(idColumn),
                        lit(" is already defined on line "),
                        col(FIRST))))
            .drop(FIRST);
    return marked.unionByName(tagged.filter(col(REASON).isNotNull()));
  }

  /**
   * Rejects clean lines whose {@code idColumn} is not among {@code known}'s ids (a clean table of
   * users or movies). The known ids are broadcast: at most a few hundred thousand integers.
   */
  public static Dataset<Row> markUnknown(
      Dataset<Row> tagged,
      String idColumn,
      Dataset<Row> known,
      String knownFile,
      RejectReason reason) {
    Dataset<Row> ids = known.select(col(idColumn).as(KNOWN)).distinct();
    Dataset<Row> clean = tagged.filter(col(REASON).isNull());
    Column missing = col(KNOWN).isNull();
    Dataset<Row> marked =
        clean
            .join(broadcast(ids), clean.col(idColumn).equalTo(ids.col(KNOWN)), "left")
            .withColumn(REASON, when(missing, lit(reason.code())))
            .withColumn(
                MESSAGE,
                when(
                    missing,
                    concat(lit(idColumn + " "), col(idColumn), lit(" is not in " + knownFile))))
            .drop(KNOWN);
    return marked.unionByName(tagged.filter(col(REASON).isNotNull()));
  }

  /**
   * Rejects all but one rating of each (user, movie) pair: the one with the latest timestamp is
   * kept, and of equal timestamps the one on the later line (the file's last word).
   */
  public static Dataset<Row> markDuplicateRatings(Dataset<Row> tagged) {
    WindowSpec pair =
        Window.partitionBy(USER_ID, MOVIE_ID)
            .orderBy(col(TIMESTAMP).desc(), col(LINE_NUMBER).desc());
    Dataset<Row> clean = tagged.filter(col(REASON).isNull());
    Column dup = col(RANK).gt(1);
    Dataset<Row> marked =
        clean
            .withColumn(RANK, row_number().over(pair))
            .withColumn(FIRST, first(LINE_NUMBER).over(pair))
            .withColumn(REASON, when(dup, lit(RejectReason.DUPLICATE_RATING.code())))
            .withColumn(
                MESSAGE,
                when(
                    dup,
                    concat(
                        lit("user "),
                        col(USER_ID),
                        lit(" rated movie "),
                        col(MOVIE_ID),
                        lit(" again; line "),
                        col(FIRST),
                        lit(" (latest timestamp) is kept"))))
            .drop(RANK, FIRST);
    return marked.unionByName(tagged.filter(col(REASON).isNotNull()));
  }

  /** The clean rows, in the record's columns. */
  public static Dataset<Row> clean(Dataset<Row> tagged, StructType record) {
    return tagged
        .filter(col(REASON).isNull())
        .select(Arrays.stream(record.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  /** The rejected rows, in the columns of the rejects table (header lines are not rejects). */
  public static Dataset<Row> rejects(Dataset<Row> tagged) {
    return tagged
        .filter(col(REASON).isNotNull().and(col(REASON).notEqual(TaggedLines.HEADER)))
        .select(
            Arrays.stream(IngestSchemas.REJECTS.fieldNames())
                .map(c -> col(c))
                .toArray(Column[]::new));
  }
}
