package movierec.features;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of the feature tables: readable attributes plus one Spark ML vector. */
public final class FeatureSchemas {
  public static final String USER_ID = "user_id";
  public static final String GENDER = "gender";
  public static final String AGE = "age";
  public static final String OCCUPATION = "occupation";
  public static final String ZIP_REGION = "zip_region";

  public static final String MOVIE_ID = "movie_id";
  public static final String GENRES = "genres";
  public static final String DECADE = "decade";
  public static final String TITLE_TOKENS = "title_tokens";

  /** The one-hot / multi-hot vector, laid out by the feature vocabulary. */
  public static final String FEATURES = "features";

  public static final String ENTITY = "entity";
  public static final String FEATURE = "feature";
  public static final String VALUE = "value";
  public static final String INDEX = "index";

  public static final StructType USER_ATTRIBUTES =
      new StructType()
          .add(USER_ID, DataTypes.IntegerType, false)
          .add(GENDER, DataTypes.StringType, true)
          .add(AGE, DataTypes.IntegerType, true)
          .add(OCCUPATION, DataTypes.IntegerType, true)
          .add(ZIP_REGION, DataTypes.StringType, true);

  public static final StructType MOVIE_ATTRIBUTES =
      new StructType()
          .add(MOVIE_ID, DataTypes.IntegerType, false)
          .add(GENRES, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(DECADE, DataTypes.IntegerType, true)
          .add(TITLE_TOKENS, DataTypes.createArrayType(DataTypes.StringType, false), false);

  public static final StructType USER_FEATURES =
      USER_ATTRIBUTES.add(FEATURES, SQLDataTypes.VectorType(), false);

  public static final StructType MOVIE_FEATURES =
      MOVIE_ATTRIBUTES.add(FEATURES, SQLDataTypes.VectorType(), false);

  /** One row per vector slot: which entity's vector, which feature, which value. */
  public static final StructType VOCABULARY =
      new StructType()
          .add(ENTITY, DataTypes.StringType, false)
          .add(FEATURE, DataTypes.StringType, false)
          .add(VALUE, DataTypes.StringType, false)
          .add(INDEX, DataTypes.IntegerType, false);

  private FeatureSchemas() {}
}
