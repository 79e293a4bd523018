package movierec.evaluate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import movierec.model.ModelState;
import movierec.ranking.Bootstrap;
import movierec.ranking.Candidates;
import movierec.ranking.Catalog;
import movierec.ranking.Interactions;
import movierec.ranking.ItemScorer;
import movierec.ranking.MetricRow;
import movierec.ranking.ModelSelection;
import movierec.ranking.RankingEvaluation;
import movierec.train.HistoryVectors;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test split's full-ranking figures of every model: those fitted from the training split
 * (popularity, bias, item-kNN, EASE, sparse EASE), every vector model the train job wrote, any
 * other candidate, and the blend recommend chose on validation, all scored once here.
 */
public final class TestRanking {
  private static final Logger LOG = LoggerFactory.getLogger(TestRanking.class);

  /** The models fitted from the training split that every evaluation measures, in this order. */
  private static final List<String> FITTED_ORDER =
      List.of(
          Candidates.POPULARITY,
          Candidates.BIAS,
          Candidates.ITEM_KNN,
          Candidates.EASE,
          Candidates.SPARSE_EASE);

  private TestRanking() {}

  /** What the tables and settings of one run give the evaluation. */
  public record Inputs(
      Dataset<Row> split,
      Dataset<Row> movies,
      Dataset<Row> users,
      Dataset<Row> userVectors,
      Dataset<Row> movieVectors,
      List<MetricRow> validation,
      Function<String, Optional<ModelState>> modelFiles) {}

  /**
   * @param candidates ranking.candidates: the fitted ones are measured too, when not among the
   *     others
   * @param ks the cut-offs of every metric; curveKs those of the recall curve
   */
  public static RankingEvaluation.Result run(
      SparkSession spark,
      Inputs in,
      List<String> candidates,
      Candidates.Settings settings,
      List<Integer> ks,
      List<Integer> curveKs,
      double relevantThreshold,
      Bootstrap boot) {
    Dataset<Row> train =
        in.split()
            .filter(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TRAIN))
            .select(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID, TrainSchemas.RATING)
            .cache();
    Catalog catalog = Catalog.of(in.movies());
    Interactions interactions = Interactions.of(train, catalog);
    List<String> names = new ArrayList<>(FITTED_ORDER);
    names.addAll(Candidates.vectorModels(in.movieVectors()));
    // Every vector model the run wrote is in already; a candidate it did not write (als with
    // train.baselines.als = false) has nothing to be measured from, as in recommend.
    candidates.stream()
        .filter(m -> !names.contains(m) && Candidates.FITTED.contains(m))
        .forEach(names::add);
    List<ItemScorer> models =
        new ArrayList<>(
            Candidates.fit(names, train, interactions, catalog, in.movieVectors(), settings));
    ModelSelection.BlendSpec.from(in.validation())
        .ifPresent(b -> models.add(b.of(byName(models, b.fitted()), byName(models, b.vector()))));

    long t0 = System.nanoTime();
    RankingEvaluation.Result ranking =
        RankingEvaluation.run(
            spark,
            in.split().filter(col(TrainSchemas.SPLIT).notEqual(TrainSchemas.TEST)),
            in.split().filter(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TEST)),
            testVectors(spark, in, models),
            new RankingEvaluation.Context(
                catalog, interactions.popularity(), interactions.users(), models),
            ks,
            curveKs,
            relevantThreshold,
            boot);
    LOG.info(
        "Ranked {} models for {} users ({} test users without a relevant item left out) in {} s",
        models.size(),
        ranking.evaluated(),
        ranking.excluded(),
        Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
    train.unpersist();
    return ranking;
  }

  /**
   * Each vector model's user vectors for the test ranking. A model whose user tower reads the
   * history gets vectors from the training and validation ratings, the history every other model
   * ranks the test split from (the train job's vectors saw the training ratings only).
   */
  private static List<Dataset<Row>> testVectors(
      SparkSession spark, Inputs in, List<ItemScorer> models) {
    Dataset<Row> history =
        in.split()
            .filter(col(TrainSchemas.SPLIT).notEqual(TrainSchemas.TEST))
            .select(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID, TrainSchemas.RATING);
    List<Dataset<Row>> out = new ArrayList<>();
    for (ItemScorer m : models) {
      if (!m.needsVector()) {
        continue;
      }
      String name = m.vectorModel();
      Optional<ModelState> state = in.modelFiles().apply(name);
      if (state.isPresent()
          && (state.get().config().historyDim() > 0 || state.get().config().userRatingsDim() > 0)) {
        LOG.info("{}: user vectors from the training and validation ratings", m.name());
        out.add(HistoryVectors.users(spark, state.get(), in.users(), in.movies(), history));
      } else {
        out.add(in.userVectors().filter(col(TrainSchemas.MODEL).equalTo(name)));
      }
    }
    return out;
  }

  private static ItemScorer byName(List<ItemScorer> models, String name) {
    return models.stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "model_selection blends " + name + ", which this run has no model of"));
  }
}
