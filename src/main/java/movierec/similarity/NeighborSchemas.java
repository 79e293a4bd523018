package movierec.similarity;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of movie_neighbors and user_neighbors, and of the candidates and ranked lists they are
 * built from. The computations are the same for movies and users and call the entity {@code id};
 * the tables name it {@code movie_id} or {@code user_id}, as every other table does.
 */
public final class NeighborSchemas {
  public static final String ID = "id";
  public static final String MOVIE_ID = "movie_id";
  public static final String USER_ID = "user_id";
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

  /** The movie_neighbors table: {@link #NEIGHBORS} with the id named movie_id. */
  public static final StructType MOVIE_NEIGHBORS = keyed(MOVIE_ID);

  /** The user_neighbors table: {@link #NEIGHBORS} with the id named user_id. */
  public static final StructType USER_NEIGHBORS = keyed(USER_ID);

  private static StructType keyed(String key) {
    StructType out = new StructType();
    for (var f : NEIGHBORS.fields()) {
      out = out.add(f.name().equals(ID) ? key : f.name(), f.dataType(), f.nullable());
    }
    return out;
  }

  private NeighborSchemas() {}
}
