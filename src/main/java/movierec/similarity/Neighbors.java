package movierec.similarity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Turns candidate neighbours from all block pairs into the ranked neighbour table. */
public final class Neighbors {
  private Neighbors() {}

  /**
   * Ranks each (id, kind)'s candidates by score, ties to the lower neighbour id, and keeps ranks
   * 1..k ({@code k <= 0} keeps all, for threshold mode).
   */
  public static Dataset<Row> rank(Dataset<Row> candidates, int k) {
    Dataset<Row> ranked =
        candidates.withColumn(
            NeighborSchemas.RANK,
            row_number()
                .over(
                    Window.partitionBy(NeighborSchemas.ID, NeighborSchemas.KIND)
                        .orderBy(
                            col(NeighborSchemas.SCORE).desc(),
                            col(NeighborSchemas.NEIGHBOR_ID).asc())));
    return k > 0 ? ranked.filter(col(NeighborSchemas.RANK).leq(k)) : ranked;
  }
}
