package movierec.similarity;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of movie_neighbors and user_neighbors (and of the candidates they are ranked from). */
public final class NeighborSchemas {
  public static final String ID = "id";
  public static final String NEIGHBOR_ID = "neighbor_id";
  public static final String KIND = "kind";
  public static final String SCORE = "score";
  public static final String CO_COUNT = "co_count";
  public static final String RANK = "rank";

  /** Candidate neighbours before ranking: what each block pair emits. */
  public static final StructType CANDIDATES =
      new StructType()
          .add(ID, DataTypes.IntegerType, false)
          .add(NEIGHBOR_ID, DataTypes.IntegerType, false)
          .add(KIND, DataTypes.StringType, false)
          .add(SCORE, DataTypes.DoubleType, false)
          .add(CO_COUNT, DataTypes.IntegerType, true);

  /** id, neighbor_id, kind, score (higher is closer), co_count (null for content), rank 1..k. */
  public static final StructType NEIGHBORS = CANDIDATES.add(RANK, DataTypes.IntegerType, false);

  private NeighborSchemas() {}
}
