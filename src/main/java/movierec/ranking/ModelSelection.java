package movierec.ranking;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the model recommend serves on the validation split, never the test split: every candidate
 * is fitted on the training split, each user's training ratings are their history, and the full
 * ranking is scored against their relevant validation ratings. The best NDCG@k wins; ties go to the
 * candidate listed first.
 */
public final class ModelSelection {
  private static final Logger LOG = LoggerFactory.getLogger(ModelSelection.class);

  private ModelSelection() {}

  /** The served model's name when it is the blend. */
  public static final String BLEND = "blend";

  /** The blend of a fitted model and a vector model chosen on validation. */
  public record BlendSpec(String fitted, String vector, double weight) {
    /** The blend of the two models given (the first fitted, the second with vectors). */
    public ItemScorer of(ItemScorer a, ItemScorer b) {
      return new ItemScorer.Blend(BLEND, a, b, weight);
    }

    /** model_selection rows that record it: the weight of each part. */
    List<MetricRow> rows() {
      return List.of(
          new MetricRow(BLEND, WEIGHT + fitted, null, weight),
          new MetricRow(BLEND, WEIGHT + vector, null, 1 - weight));
    }

    /** The blend model_selection recorded, if any. */
    public static Optional<BlendSpec> from(List<MetricRow> rows) {
      List<MetricRow> w =
          rows.stream()
              .filter(r -> r.model().equals(BLEND) && r.metric().startsWith(WEIGHT))
              .toList();
      if (w.size() != 2) {
        return Optional.empty();
      }
      // The table keeps no row order: the fitted part is the one a vector model cannot be.
      boolean firstFitted =
          Candidates.FITTED.contains(w.get(0).metric().substring(WEIGHT.length()));
      MetricRow fitted = firstFitted ? w.get(0) : w.get(1);
      MetricRow vector = firstFitted ? w.get(1) : w.get(0);
      return Optional.of(
          new BlendSpec(
              fitted.metric().substring(WEIGHT.length()),
              vector.metric().substring(WEIGHT.length()),
              fitted.value()));
    }
  }

  private static final String WEIGHT = "weight_";

  /** The validation figures of every candidate (and the blend), and the model chosen. */
  public record Result(
      String served, List<MetricRow> validation, long users, Optional<BlendSpec> blend) {
    /** The rows of model_selection: the validation figures, the served model marked. */
    public List<Row> validationRows() {
      return validation.stream()
          .map(m -> m.toRow(TrainSchemas.VALIDATION, m.model().equals(served)))
          .toList();
    }
  }

  /**
   * @param split ratings_split
   * @param blendWeights the weights of the best fitted model tried in a blend with the best vector
   *     model (empty: no blend)
   * @param pinned the model to serve whatever validation says (empty: the best)
   * @param boot resamples the validation users for the intervals
   */
  public static Result run(
      SparkSession spark,
      Dataset<Row> split,
      Catalog catalog,
      Dataset<Row> userVectors,
      Dataset<Row> movieVectors,
      List<String> candidates,
      Candidates.Settings settings,
      int k,
      double threshold,
      List<Double> blendWeights,
      Optional<String> pinned,
      Bootstrap boot) {
    Dataset<Row> train =
        split
            .filter(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TRAIN))
            .select(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID, TrainSchemas.RATING)
            .cache();
    try {
      Interactions interactions = Interactions.of(train, catalog);
      List<ItemScorer> models =
          Candidates.fit(candidates, train, interactions, catalog, movieVectors, settings);
      Dataset<Row> validation =
          split.filter(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.VALIDATION));
      java.util.function.Function<List<ItemScorer>, RankingEvaluation.Result> rank =
          ms ->
              RankingEvaluation.run(
                  spark,
                  train,
                  validation,
                  vectorsOf(userVectors, ms),
                  new RankingEvaluation.Context(
                      catalog, interactions.popularity(), interactions.users(), ms),
                  List.of(k),
                  List.of(),
                  threshold,
                  boot);
      RankingEvaluation.Result r = rank.apply(models);
      List<MetricRow> rows = new ArrayList<>(r.rows());
      List<String> order = new ArrayList<>(candidates);
      Optional<BlendSpec> blend = Optional.empty();
      Map<String, double[]> blendValues = Map.of();
      String chosenBlend = null;
      Optional<ItemScorer> fitted = bestOf(models, r.rows(), k, false);
      Optional<ItemScorer> vector = bestOf(models, r.rows(), k, true);
      if (!blendWeights.isEmpty() && fitted.isPresent() && vector.isPresent()) {
        List<ItemScorer> blends = new ArrayList<>();
        for (double w : blendWeights) {
          blends.add(new ItemScorer.Blend(BLEND + "@" + w, fitted.get(), vector.get(), w));
        }
        RankingEvaluation.Result b = rank.apply(blends);
        blendValues = b.perUser().getOrDefault("ndcg@" + k, Map.of());
        List<String> names = blends.stream().map(ItemScorer::name).toList();
        String chosen = best(b.rows(), "ndcg", k, names);
        double w = blendWeights.get(names.indexOf(chosen));
        LOG.info(
            "Blends of {} and {} (weight of {}): {}",
            fitted.get().name(),
            vector.get().name(),
            fitted.get().name(),
            summary(b.rows(), k, names));
        BlendSpec spec = new BlendSpec(fitted.get().name(), vector.get().name(), w);
        blend = Optional.of(spec);
        for (MetricRow m : b.rows()) {
          if (m.model().equals(chosen)) {
            rows.add(new MetricRow(BLEND, m.metric(), m.k(), m.value(), m.ciLow(), m.ciHigh()));
          }
        }
        chosenBlend = chosen;
        rows.addAll(spec.rows());
        order.add(BLEND);
      }
      String served = pinned.orElseGet(() -> best(rows, "ndcg", k, order));
      LOG.info(
          "Validation NDCG@{} over {} users: {}; serving {}{}",
          k,
          r.evaluated(),
          summary(rows, k, order),
          served,
          pinned.isPresent() ? " (pinned by recommend.models)" : "");
      Map<String, double[]> values =
          new java.util.HashMap<>(r.perUser().getOrDefault("ndcg@" + k, Map.of()));
      if (chosenBlend != null && blendValues.containsKey(chosenBlend)) {
        values.put(BLEND, blendValues.get(chosenBlend));
      }
      logLead(rows, k, order, served, values, boot);
      return new Result(served, rows, r.evaluated(), blend);
    } finally {
      train.unpersist();
    }
  }

  /**
   * One line on whether the served model's validation lead over the runner-up is larger than its
   * paired interval: when the interval holds 0, validation cannot tell the two apart.
   */
  private static void logLead(
      List<MetricRow> rows,
      int k,
      List<String> order,
      String served,
      Map<String, double[]> values,
      Bootstrap boot) {
    List<String> others = order.stream().filter(m -> !m.equals(served)).toList();
    if (others.isEmpty() || !values.containsKey(served)) {
      return;
    }
    String runnerUp = best(rows, "ndcg", k, others);
    if (!values.containsKey(runnerUp)) {
      return;
    }
    Bootstrap.Interval d = boot.difference(values.get(served), values.get(runnerUp));
    LOG.info(
        "Served {} leads the runner-up {} on validation NDCG@{} by {} (95% paired interval {} to"
            + " {}): {}",
        served,
        runnerUp,
        k,
        String.format("%.4f", d.mean()),
        String.format("%.4f", d.low()),
        String.format("%.4f", d.high()),
        d.holdsZero()
            ? "inside the interval, so validation cannot tell them apart"
            : "larger than the interval");
  }

  /** The best of the vector models (or of the others) by NDCG@k, ties to the first. */
  private static Optional<ItemScorer> bestOf(
      List<ItemScorer> models, List<MetricRow> rows, int k, boolean vectors) {
    List<ItemScorer> kind = models.stream().filter(m -> m.needsVector() == vectors).toList();
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    String name = best(rows, "ndcg", k, kind.stream().map(ItemScorer::name).toList());
    return kind.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The user rows of each vector model among {@code models}, in their order. */
  public static List<Dataset<Row>> vectorsOf(Dataset<Row> userVectors, List<ItemScorer> models) {
    List<Dataset<Row>> out = new ArrayList<>();
    for (ItemScorer m : models) {
      if (m.needsVector()) {
        out.add(userVectors.filter(col(TrainSchemas.MODEL).equalTo(m.vectorModel())));
      }
    }
    return out;
  }

  /** The model with the highest {@code metric}@k; ties to the one listed first in {@code order}. */
  public static String best(List<MetricRow> rows, String metric, int k, List<String> order) {
    String best = null;
    double value = Double.NEGATIVE_INFINITY;
    for (String m : order) {
      double v = value(rows, m, metric, k);
      if (v > value) {
        best = m;
        value = v;
      }
    }
    if (best == null) {
      throw new IllegalStateException(
          "no model has a " + metric + "@" + k + " on the validation split: " + order);
    }
    return best;
  }

  static double value(List<MetricRow> rows, String model, String metric, int k) {
    return rows.stream()
        .filter(r -> r.model().equals(model) && r.metric().equals(metric))
        .filter(r -> r.k() != null && r.k() == k)
        .mapToDouble(MetricRow::value)
        .findFirst()
        .orElse(Double.NaN);
  }

  private static String summary(List<MetricRow> rows, int k, List<String> order) {
    StringBuilder sb = new StringBuilder();
    for (String m : order) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(m)
          .append(String.format(" %.4f", value(rows, m, "ndcg", k)));
    }
    return sb.toString();
  }
}
