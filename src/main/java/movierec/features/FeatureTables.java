package movierec.features;

import java.util.List;
import movierec.io.Table;

/** The tables the features stage writes. */
public final class FeatureTables {
  public static final String STAGE = "features";

  public static final Table USER_FEATURES =
      new Table(
          "user_features", FeatureSchemas.USER_FEATURES, STAGE, List.of(FeatureSchemas.USER_ID));
  public static final Table MOVIE_FEATURES =
      new Table(
          "movie_features", FeatureSchemas.MOVIE_FEATURES, STAGE, List.of(FeatureSchemas.MOVIE_ID));
  public static final Table FEATURE_VOCABULARY =
      new Table("feature_vocabulary", FeatureSchemas.VOCABULARY, STAGE);

  public static final List<Table> ALL = List.of(USER_FEATURES, MOVIE_FEATURES, FEATURE_VOCABULARY);

  private FeatureTables() {}
}
