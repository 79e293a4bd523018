package movierec.train;

import java.util.List;
import movierec.io.Table;

/** The tables the train stage writes, and the directory of its model files. */
public final class TrainTables {
  public static final String STAGE = "train";

  public static final Table RATINGS_SPLIT =
      new Table(
          "ratings_split",
          TrainSchemas.RATINGS_SPLIT,
          STAGE,
          List.of(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID));
  public static final Table TRAINING_HISTORY =
      new Table("training_history", TrainSchemas.TRAINING_HISTORY, STAGE);
  public static final Table MODEL_METRICS =
      new Table("model_metrics", TrainSchemas.MODEL_METRICS, STAGE);
  public static final Table USER_VECTORS =
      new Table("user_vectors", TrainSchemas.USER_VECTORS, STAGE);
  public static final Table MOVIE_VECTORS =
      new Table("movie_vectors", TrainSchemas.MOVIE_VECTORS, STAGE);

  public static final List<Table> ALL =
      List.of(RATINGS_SPLIT, TRAINING_HISTORY, MODEL_METRICS, USER_VECTORS, MOVIE_VECTORS);

  /** Model files, {@code <model>.model} per trained model (format: {@code ModelIo}). */
  public static final String MODELS = "models";

  private TrainTables() {}
}
