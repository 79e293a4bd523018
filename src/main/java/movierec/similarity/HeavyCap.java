package movierec.similarity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The heavy-activity cap: a group (a user, or a movie's raters) with more than {@code cap} rows
 * keeps a sample of {@code cap}, chosen by a seeded hash of the group and the item: the same sample
 * every run, whatever the partitioning.
 */
public final class HeavyCap {
  private static final String PICK = "_pick";

  private HeavyCap() {}

  /** {@code rows} with at most {@code cap} rows per {@code group}; all of them when cap is 0. */
  public static Dataset<Row> sample(
      Dataset<Row> rows, String group, String item, int cap, long seed) {
    if (cap <= 0) {
      return rows;
    }
    return rows.withColumn(
            PICK,
            row_number()
                .over(
                    Window.partitionBy(group)
                        .orderBy(xxhash64(col(group), col(item), lit(seed)), col(item))))
        .filter(col(PICK).leq(cap))
        .drop(PICK);
  }
}
