package movierec.similarity;

import java.util.List;
import movierec.io.Table;

/** The tables the similarity stage writes: each movie's and each user's nearest neighbours. */
public final class NeighborTables {
  public static final String STAGE = "similarity";

  public static final Table MOVIE_NEIGHBORS =
      new Table(
          "movie_neighbors",
          NeighborSchemas.MOVIE_NEIGHBORS,
          STAGE,
          List.of(NeighborSchemas.KIND, NeighborSchemas.MOVIE_ID, NeighborSchemas.RANK));
  public static final Table USER_NEIGHBORS =
      new Table(
          "user_neighbors",
          NeighborSchemas.USER_NEIGHBORS,
          STAGE,
          List.of(NeighborSchemas.KIND, NeighborSchemas.USER_ID, NeighborSchemas.RANK));

  public static final List<Table> ALL = List.of(MOVIE_NEIGHBORS, USER_NEIGHBORS);

  private NeighborTables() {}
}
