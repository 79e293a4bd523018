package movierec.recommend;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Optional;
import movierec.config.Settings;
import movierec.ranking.RankingConfig;
import movierec.similarity.SimilarityConfig;

/** Settings of the recommend job, read from {@code recommend.*}; see reference.conf for each. */
public record RecommendConfig(
    List<String> models,
    String vectorModel,
    int topN,
    Optional<Integer> blockSize,
    String coRatingKind,
    double genreWeight,
    double coRatingWeight,
    double likeThreshold,
    int minSupport,
    int topUsers,
    int userFavourites,
    int likesCap,
    Optional<Long> maxLikePairs,
    int likesBlockSize,
    int minRatings) {

  public RecommendConfig {
    models = List.copyOf(models);
  }

  /** The vector blocks users x movies are scored in: set, or derived from the data. */
  public BlockedTopN.Blocks blocks() {
    return blockSize.map(BlockedTopN.Blocks::of).orElse(BlockedTopN.Blocks.AUTO);
  }

  /** Whether the served model is chosen on validation rather than pinned. */
  public boolean auto() {
    return models.equals(List.of(RankingConfig.AUTO));
  }

  /** Reads and checks {@code recommend.*} of the resolved config. */
  public static RecommendConfig from(Config root) {
    Settings s = Settings.at(root, "recommend");
    List<String> models = s.strings("models");
    if (models.isEmpty() || models.stream().anyMatch(String::isBlank)) {
      throw s.bad("models", "must be [auto] or a non-empty list of model names");
    }
    if (models.contains(RankingConfig.AUTO) && models.size() > 1) {
      throw s.bad("models", "is either [auto] or a list of model names, not both: " + models);
    }
    Settings similar = s.sub("similar");
    double g = similar.unit("genre-weight");
    double w = similar.unit("co-rating-weight");
    if (g + w <= 0) {
      throw s.bad("similar", "genre-weight + co-rating-weight must be positive");
    }
    Settings likes = s.sub("also-liked");
    return new RecommendConfig(
        models,
        s.nonBlank("vector-model"),
        s.positive("top-n"),
        s.optional("block-size", s::positive),
        similar.oneOf("co-rating-kind", SimilarityConfig.CO_RATING_KINDS),
        g,
        w,
        likes.rating("like-threshold"),
        likes.positive("min-support"),
        likes.positive("top-users"),
        likes.positive("user-favourites"),
        likes.nonNegative("heavy-cap"),
        likes.optional("max-pairs", likes::positiveLong),
        likes.positive("block-size"),
        s.nonNegative("min-ratings"));
  }
}
