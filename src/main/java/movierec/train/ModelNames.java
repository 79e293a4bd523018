package movierec.train;

/** The names the train job's models have in every table (model columns, model files). */
public final class ModelNames {
  private ModelNames() {}

  /** The configured embedding regressor. */
  public static final String EMBEDDING = "embedding";

  /** The tutorial preset of the regressor. */
  public static final String TUTORIAL = "embedding_tutorial";

  /** The two-tower ranker (the ranking objective). */
  public static final String RANKER = "ranker";

  /** The selected ALS grid point's factors in user_vectors and movie_vectors. */
  public static final String ALS = "als";

  /** The name a model_metrics row's model goes by elsewhere: ALS grid points are "als". */
  public static String of(String metricsModel) {
    return metricsModel.startsWith("als(") ? ALS : metricsModel;
  }
}
