package movierec.train;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of the tables the train job writes (docs/tables.md documents the same). */
public final class TrainSchemas {
  public static final String USER_ID = "user_id";
  public static final String MOVIE_ID = "movie_id";
  public static final String RATING = "rating";
  public static final String RATED_AT = "rated_at";
  public static final String SPLIT = "split";

  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";
  public static final String TEST = "test";

  public static final String MODEL = "model";
  public static final String EPOCH = "epoch";
  public static final String TRAIN_RMSE = "train_rmse";
  public static final String VALIDATION_RMSE = "validation_rmse";
  public static final String TRAIN_CROSS_ENTROPY = "train_cross_entropy";
  public static final String VALIDATION_NDCG = "validation_ndcg";
  public static final String SAMPLES_PER_SECOND = "samples_per_second";
  public static final String SECONDS = "seconds";

  public static final String RMSE = "rmse";
  public static final String MAE = "mae";
  public static final String TRAIN_SECONDS = "train_seconds";
  public static final String EPOCHS = "epochs";
  public static final String SELECTED = "selected";
  public static final String DETAIL = "detail";

  public static final String VECTOR = "vector";
  public static final String BIAS = "bias";
  public static final String COLD_START = "cold_start";

  /** ratings with the split each rating belongs to: train, validation or test. */
  public static final StructType RATINGS_SPLIT =
      new StructType()
          .add(USER_ID, DataTypes.IntegerType, false)
          .add(MOVIE_ID, DataTypes.IntegerType, false)
          .add(RATING, DataTypes.DoubleType, false)
          .add(RATED_AT, DataTypes.TimestampType, true)
          .add(SPLIT, DataTypes.StringType, false);

  /**
   * One row per model and epoch: RMSEs for the rating models, cross-entropy and NDCG@10 for the
   * ranker (the other pair null).
   */
  public static final StructType TRAINING_HISTORY =
      new StructType()
          .add(MODEL, DataTypes.StringType, false)
          .add(EPOCH, DataTypes.IntegerType, false)
          .add(TRAIN_RMSE, DataTypes.DoubleType, true)
          .add(VALIDATION_RMSE, DataTypes.DoubleType, true)
          .add(SAMPLES_PER_SECOND, DataTypes.DoubleType, false)
          .add(SECONDS, DataTypes.DoubleType, false)
          .add(TRAIN_CROSS_ENTROPY, DataTypes.DoubleType, true)
          .add(VALIDATION_NDCG, DataTypes.DoubleType, true);

  /**
   * One row per model on the test split; {@code selected} marks the ALS grid point chosen on
   * validation RMSE (and every other model).
   */
  public static final StructType MODEL_METRICS =
      new StructType()
          .add(MODEL, DataTypes.StringType, false)
          .add(RMSE, DataTypes.DoubleType, false)
          .add(MAE, DataTypes.DoubleType, false)
          .add(VALIDATION_RMSE, DataTypes.DoubleType, false)
          .add(TRAIN_SECONDS, DataTypes.DoubleType, false)
          .add(EPOCHS, DataTypes.IntegerType, true)
          .add(SELECTED, DataTypes.BooleanType, false)
          .add(DETAIL, DataTypes.StringType, false);

  /** user_vectors: each user's learned vector, bias, and whether it is cold-start. */
  public static final StructType USER_VECTORS = vectors(USER_ID);

  /** movie_vectors: each movie's learned vector, bias, and whether it is cold-start. */
  public static final StructType MOVIE_VECTORS = vectors(MOVIE_ID);

  private static StructType vectors(String key) {
    return new StructType()
        .add(MODEL, DataTypes.StringType, false)
        .add(key, DataTypes.IntegerType, false)
        .add(VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false)
        .add(BIAS, DataTypes.FloatType, false)
        .add(COLD_START, DataTypes.BooleanType, false);
  }

  private TrainSchemas() {}
}
