package movierec.recommend;

import java.util.List;
import movierec.io.Table;
import movierec.ranking.MetricSchemas;

/** The tables the recommend stage writes: the served lists and how the served model was chosen. */
public final class RecommendTables {
  public static final String STAGE = "recommend";

  public static final Table USER_TOP_MOVIES =
      new Table(
          "user_top_movies",
          RecommendSchemas.USER_TOP_MOVIES,
          STAGE,
          List.of(RecommendSchemas.USER_ID, RecommendSchemas.MODEL, RecommendSchemas.RANK));
  public static final Table SIMILAR_MOVIES =
      new Table(
          "similar_movies",
          RecommendSchemas.SIMILAR_MOVIES,
          STAGE,
          List.of(RecommendSchemas.MOVIE_ID, RecommendSchemas.METHOD, RecommendSchemas.RANK));
  public static final Table ALSO_LIKED =
      new Table(
          "also_liked",
          RecommendSchemas.ALSO_LIKED,
          STAGE,
          List.of(RecommendSchemas.MOVIE_ID, RecommendSchemas.METHOD, RecommendSchemas.RANK));
  public static final Table SEGMENT_TOP_MOVIES =
      new Table("segment_top_movies", RecommendSchemas.SEGMENT_TOP_MOVIES, STAGE);

  /** The validation figures of every candidate model, the served one marked (metrics' columns). */
  public static final Table MODEL_SELECTION =
      new Table("model_selection", MetricSchemas.METRICS, STAGE);

  public static final List<Table> ALL =
      List.of(USER_TOP_MOVIES, SIMILAR_MOVIES, ALSO_LIKED, SEGMENT_TOP_MOVIES, MODEL_SELECTION);

  private RecommendTables() {}
}
