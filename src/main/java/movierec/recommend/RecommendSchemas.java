package movierec.recommend;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of the tables the recommend job writes (docs/tables.md documents the same). */
public final class RecommendSchemas {
  public static final String USER_ID = "user_id";
  public static final String MOVIE_ID = "movie_id";
  public static final String RANK = "rank";
  public static final String SCORE = "score";
  public static final String MODEL = "model";
  public static final String METHOD = "method";
  public static final String NEIGHBOR_ID = "neighbor_id";
  public static final String SUPPORT = "support";
  public static final String SEGMENT_TYPE = "segment_type";
  public static final String GENDER = "gender";
  public static final String AGE = "age";
  public static final String OCCUPATION = "occupation";
  public static final String GENRE = "genre";
  public static final String SERVED = "served";

  /** similar_movies methods. */
  public static final String EMBEDDING = "embedding";

  public static final String CO_RATING = "co_rating";
  public static final String CONTENT = "content";
  public static final String BLENDED = "blended";

  /** also_liked methods: the tutorial's (vectors) and liked-together counts. */
  public static final String TUTORIAL = "tutorial";

  /** segment_top_movies segment types. */
  public static final String DEMOGRAPHIC = "demographic";

  /** One model's per-user top N unrated movies, by that model's score. */
  public static final StructType MODEL_TOP_MOVIES =
      new StructType()
          .add(USER_ID, DataTypes.IntegerType, false)
          .add(RANK, DataTypes.IntegerType, false)
          .add(MOVIE_ID, DataTypes.IntegerType, false)
          .add(SCORE, DataTypes.DoubleType, false)
          .add(MODEL, DataTypes.StringType, false);

  /**
   * user_top_movies: the lists of every model recommend wrote; {@code served} marks the list each
   * user is served (one per user).
   */
  public static final StructType USER_TOP_MOVIES =
      MODEL_TOP_MOVIES.add(SERVED, DataTypes.BooleanType, false);

  /** Per-movie neighbours by method (embedding, co_rating, content, blended). */
  public static final StructType SIMILAR_MOVIES =
      new StructType()
          .add(MOVIE_ID, DataTypes.IntegerType, false)
          .add(METHOD, DataTypes.StringType, false)
          .add(RANK, DataTypes.IntegerType, false)
          .add(NEIGHBOR_ID, DataTypes.IntegerType, false)
          .add(SCORE, DataTypes.DoubleType, false);

  /**
   * People who liked this movie also liked: support is the number of users behind the pair (likers
   * of both, or top users whose favourites hold it).
   */
  public static final StructType ALSO_LIKED =
      new StructType()
          .add(MOVIE_ID, DataTypes.IntegerType, false)
          .add(METHOD, DataTypes.StringType, false)
          .add(RANK, DataTypes.IntegerType, false)
          .add(NEIGHBOR_ID, DataTypes.IntegerType, false)
          .add(SCORE, DataTypes.DoubleType, false)
          .add(SUPPORT, DataTypes.IntegerType, false);

  /**
   * Onboarding lists: segment_type demographic (gender, age, occupation set, genre null) or genre
   * (genre set, the rest null).
   */
  public static final StructType SEGMENT_TOP_MOVIES =
      new StructType()
          .add(SEGMENT_TYPE, DataTypes.StringType, false)
          .add(GENDER, DataTypes.StringType, true)
          .add(AGE, DataTypes.IntegerType, true)
          .add(OCCUPATION, DataTypes.IntegerType, true)
          .add(GENRE, DataTypes.StringType, true)
          .add(RANK, DataTypes.IntegerType, false)
          .add(MOVIE_ID, DataTypes.IntegerType, false)
          .add(SCORE, DataTypes.DoubleType, false)
          .add(MODEL, DataTypes.StringType, false);

  private RecommendSchemas() {}
}
