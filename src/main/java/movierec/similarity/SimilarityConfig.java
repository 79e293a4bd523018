package movierec.similarity;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import movierec.config.Settings;

/** Settings of the similarity job, read from {@code similarity.*}; see reference.conf for each. */
public record SimilarityConfig(
    Optional<Integer> blockSize,
    boolean topK,
    int k,
    double threshold,
    int minSupport,
    double shrinkage,
    int heavyCap,
    Optional<Long> maxCoRatingUpdates,
    long maxShuffleBytes,
    long seed,
    boolean movieContent,
    boolean userContent,
    List<String> movieCoRating,
    List<String> userCoRating,
    double genreWeight,
    double decadeWeight,
    double titleWeight,
    CoRatingSimilarity.Plan plan) {

  /** The co-rating similarity kinds, as config values name them. */
  public static final Set<String> CO_RATING_KINDS = Set.of("cosine", "pearson", "adjusted_cosine");

  public SimilarityConfig {
    movieCoRating = List.copyOf(movieCoRating);
    userCoRating = List.copyOf(userCoRating);
  }

  /** Reads and checks {@code similarity.*} of the resolved config. */
  public static SimilarityConfig from(Config root) {
    Settings s = Settings.at(root, "similarity");
    String mode = s.oneOf("mode", Set.of("top-k", "threshold"));
    String plan = s.oneOf("plan", Set.of("auto", "shuffle", "broadcast"));
    double threshold = s.number("threshold");
    if (!Double.isFinite(threshold)) {
      throw s.bad("threshold", "must be a finite number");
    }
    double shrinkage = s.number("shrinkage");
    if (!(shrinkage >= 0)) {
      throw s.bad("shrinkage", "must be 0 or more, got " + shrinkage);
    }
    int heavyCap = s.integer("heavy-cap");
    if (heavyCap < 0) {
      throw s.bad("heavy-cap", "must be 0 (off) or positive, got " + heavyCap);
    }
    Settings content = s.sub("content");
    double g = content.unit("genre-weight");
    double d = content.unit("decade-weight");
    double t = content.unit("title-weight");
    if (Math.abs(g + d + t - 1) > 1e-9) {
      throw s.bad("content", "genre-weight + decade-weight + title-weight must be 1");
    }
    return new SimilarityConfig(
        s.optional("block-size", s::positive),
        mode.equals("top-k"),
        s.positive("k"),
        threshold,
        s.positive("min-support"),
        shrinkage,
        heavyCap,
        s.optional("max-co-rating-updates", s::positiveLong),
        s.positiveBytes("max-shuffle-bytes"),
        s.longValue("seed"),
        s.bool("movie-content"),
        s.bool("user-content"),
        s.eachOneOf("movie-co-rating", CO_RATING_KINDS),
        s.eachOneOf("user-co-rating", CO_RATING_KINDS),
        g,
        d,
        t,
        CoRatingSimilarity.Plan.valueOf(plan.toUpperCase(java.util.Locale.ROOT)));
  }
}
