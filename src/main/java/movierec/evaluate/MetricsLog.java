package movierec.evaluate;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import movierec.ranking.MetricRow;
import movierec.ranking.RankingEvaluation;
import movierec.train.ModelNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The evaluation's figures as log lines, for whoever reads the job's log. */
public final class MetricsLog {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsLog.class);

  private MetricsLog() {}

  /** Logs the ranking table at the first cut-off and how the served and best models compare. */
  public static void ranking(List<MetricRow> metrics, int k, String served) {
    Map<String, Map<String, Double>> byModel = new TreeMap<>();
    for (MetricRow m : metrics) {
      if (m.k() != null && m.k() == k && !m.metric().equals("recall_curve")) {
        byModel.computeIfAbsent(m.model(), x -> new HashMap<>()).put(m.metric(), m.value());
      }
    }
    Map<String, MetricRow> ndcg = new TreeMap<>();
    for (MetricRow m : metrics) {
      if (m.k() != null && m.k() == k && m.ciLow() != null) {
        ndcg.put(m.model() + " " + m.metric(), m);
      }
    }
    StringBuilder sb =
        new StringBuilder(
            "Ranking metrics @"
                + k
                + " (test split, full ranking; * = served; [95% interval over users]):");
    byModel.forEach(
        (model, v) ->
            sb.append(
                String.format(
                    "%n  %-20s%s NDCG %.4f%s  Recall %.4f  Precision %.4f  MAP %.4f  HitRate %.4f"
                        + "  Coverage %.4f  Novelty %.2f  Diversity %.3f",
                    model,
                    model.equals(served) ? "*" : " ",
                    v.getOrDefault("ndcg", Double.NaN),
                    interval(ndcg.get(model + " ndcg")),
                    v.getOrDefault("recall", Double.NaN),
                    v.getOrDefault("precision", Double.NaN),
                    v.getOrDefault("map", Double.NaN),
                    v.getOrDefault("hit_rate", Double.NaN),
                    v.getOrDefault("coverage", Double.NaN),
                    v.getOrDefault("novelty", Double.NaN),
                    v.getOrDefault("diversity", Double.NaN))));
    LOG.info(sb.toString());
    MetricRow lead = ndcg.get(served + " " + RankingEvaluation.versusReference("ndcg"));
    if (lead != null) {
      LOG.info(
          "Served {} against {} on test NDCG@{}: {}{} (paired){}",
          served,
          RankingEvaluation.REFERENCE,
          k,
          String.format("%+.4f", lead.value()),
          interval(lead),
          lead.ciLow() > 0
              ? ", a lead larger than its interval"
              : ", not a lead its interval shows");
    }
    byModel.entrySet().stream()
        .max(Comparator.comparingDouble(e -> e.getValue().getOrDefault("ndcg", 0.0)))
        .ifPresent(
            best ->
                LOG.info(
                    "Best by test NDCG@{}: {} ({}); served (chosen on validation) {} {};"
                        + " popularity {}, embedding {}",
                    k,
                    best.getKey(),
                    String.format("%.4f", best.getValue().get("ndcg")),
                    served,
                    String.format(
                        "%.4f",
                        byModel.getOrDefault(served, Map.of()).getOrDefault("ndcg", Double.NaN)),
                    String.format(
                        "%.4f",
                        byModel
                            .getOrDefault("popularity", Map.of())
                            .getOrDefault("ndcg", Double.NaN)),
                    String.format(
                        "%.4f",
                        byModel
                            .getOrDefault(ModelNames.EMBEDDING, Map.of())
                            .getOrDefault("ndcg", Double.NaN))));
  }

  /** " [low, high]", or "" without an interval. */
  static String interval(MetricRow m) {
    return m == null || m.ciLow() == null
        ? ""
        : String.format(" [%.4f, %.4f]", m.ciLow(), m.ciHigh());
  }

  /** The similar-movie figures on one line. */
  public static void similar(List<MetricRow> similar, int heldOutK) {
    LOG.info(
        "Similar movies (held out: liked test movies in the top {} of liked training movies): {}",
        heldOutK,
        similar.stream()
            .map(m -> m.model() + " " + m.metric() + " " + String.format("%.4f", m.value()))
            .collect(Collectors.joining(", ")));
  }
}
