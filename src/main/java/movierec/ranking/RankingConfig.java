package movierec.ranking;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Optional;
import movierec.config.Settings;

/**
 * The servable ranking models (recommend and evaluate), read from {@code ranking.*}; see
 * reference.conf for each.
 */
public record RankingConfig(
    List<String> candidates,
    int selectionK,
    double easeLambda,
    Optional<Integer> easeMaxItems,
    int knnNeighbours,
    int sparseEaseNeighbours,
    int sparseEaseCounts,
    List<Double> blendWeights) {
  /**
   * Not a model: recommend.models = [auto] serves the candidate with the best validation NDCG, so
   * no candidate may take the name.
   */
  public static final String AUTO = "auto";

  public RankingConfig {
    candidates = List.copyOf(candidates);
    blendWeights = List.copyOf(blendWeights);
  }

  /**
   * The movies EASE covers: ranking.ease-max-items when set, else the most that fit in half of this
   * JVM's heap ({@link ItemItem#itemsFitting}).
   */
  public int easeItems() {
    return easeMaxItems.orElseGet(
        () -> ItemItem.itemsFitting(Runtime.getRuntime().maxMemory() / 2));
  }

  /** Reads and checks {@code ranking.*} of the resolved config. */
  public static RankingConfig from(Config root) {
    Settings s = Settings.at(root, "ranking");
    List<String> candidates = s.strings("candidates");
    if (candidates.isEmpty() || candidates.stream().anyMatch(String::isBlank)) {
      throw s.bad("candidates", "must be a non-empty list of model names");
    }
    if (candidates.contains(AUTO)) {
      throw s.bad("candidates", "lists models; '" + AUTO + "' is not one");
    }
    double lambda = s.number("ease-lambda");
    if (!(lambda > 0 && Double.isFinite(lambda))) {
      throw s.bad("ease-lambda", "must be positive, got " + lambda);
    }
    int neighbours = s.positive("sparse-ease-neighbours");
    int counts = s.positive("sparse-ease-counts");
    if (counts < neighbours) {
      throw s.bad(
          "sparse-ease-counts",
          "must be at least sparse-ease-neighbours (" + neighbours + "), got " + counts);
    }
    List<Double> weights = s.numbers("blend-weights");
    if (weights.stream().anyMatch(x -> !(x > 0 && x < 1))) {
      throw s.bad("blend-weights", "must be weights strictly between 0 and 1, got " + weights);
    }
    return new RankingConfig(
        candidates,
        s.positive("selection-k"),
        lambda,
        s.optional("ease-max-items", s::positive),
        s.positive("knn-neighbours"),
        neighbours,
        counts,
        weights);
  }
}
