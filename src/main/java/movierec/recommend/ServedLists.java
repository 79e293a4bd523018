package movierec.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import movierec.model.ModelState;
import movierec.ranking.Candidates;
import movierec.ranking.Catalog;
import movierec.ranking.Interactions;
import movierec.ranking.ItemScorer;
import movierec.ranking.ModelSelection;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * user_top_movies: the lists of the served model (chosen on validation, or pinned) and of any other
 * pinned model. Models fitted from ratings are refitted on every rating (what users are served) and
 * cover the users with a rating; users without one are served the vector model's list, from their
 * attributes.
 */
public final class ServedLists {
  private static final Logger LOG = LoggerFactory.getLogger(ServedLists.class);

  private final SparkSession spark;
  private final RecommendConfig rc;
  private final Candidates.Settings settings;
  private final Dataset<Row> ratings;
  private final Catalog catalog;
  private final Dataset<Row> userVectors;
  private final Dataset<Row> movieVectors;
  private final Function<String, Optional<ModelState>> modelFiles;

  /**
   * @param modelFiles the model file the train job wrote for a model name, when there is one
   */
  public ServedLists(
      SparkSession spark,
      RecommendConfig rc,
      Candidates.Settings settings,
      Dataset<Row> ratings,
      Catalog catalog,
      Dataset<Row> userVectors,
      Dataset<Row> movieVectors,
      Function<String, Optional<ModelState>> modelFiles) {
    this.spark = spark;
    this.rc = rc;
    this.settings = settings;
    this.ratings = ratings;
    this.catalog = catalog;
    this.userVectors = userVectors;
    this.movieVectors = movieVectors;
    this.modelFiles = modelFiles;
  }

  /**
   * The rows of user_top_movies for {@code models} ({@code served} among them), {@code served}
   * marked; {@code vectorModelLists} are the vector model's lists, already computed.
   */
  public Dataset<Row> userTopMovies(
      List<String> models,
      String served,
      Optional<ModelSelection.BlendSpec> blend,
      Dataset<Row> vectorModelLists) {
    Dataset<Row> out = null;
    for (String m : models) {
      Dataset<Row> lists;
      // Lists from ratings cover the users with a rating; vector lists cover every user.
      boolean fromRatings = true;
      if (m.equals(ModelSelection.BLEND) && blend.isPresent()) {
        lists = blendLists(blend.get());
      } else if (Candidates.FITTED.contains(m)) {
        lists = fittedLists(m);
      } else {
        fromRatings = false;
        lists = m.equals(rc.vectorModel()) ? vectorModelLists : vectorLists(m);
      }
      boolean isServed = m.equals(served);
      Dataset<Row> marked = lists.withColumn(RecommendSchemas.SERVED, lit(isServed));
      out = out == null ? marked : out.unionAll(marked);
      if (isServed && fromRatings) {
        Dataset<Row> cold =
            vectorModelLists.join(
                ratings.select(TrainSchemas.USER_ID).distinct(),
                new String[] {TrainSchemas.USER_ID},
                "left_anti");
        out = out.unionAll(cold.withColumn(RecommendSchemas.SERVED, lit(true)));
      }
    }
    return out;
  }

  /** The vector model's lists and fans, one scoring pass of users x movies for both. */
  public UserTopMovies.WithFans vectorModelPass() {
    String vm = rc.vectorModel();
    return UserTopMovies.withFans(
        spark,
        of(userVectors, vm),
        of(movieVectors, vm),
        ratings,
        shift(vm),
        vm,
        rc.topN(),
        rc.topUsers(),
        rc.blocks());
  }

  /** A vector model's lists by predicted rating, for every user with a vector. */
  private Dataset<Row> vectorLists(String m) {
    return UserTopMovies.compute(
        spark,
        of(userVectors, m),
        of(movieVectors, m),
        ratings,
        shift(m),
        m,
        rc.topN(),
        rc.blocks());
  }

  /**
   * The blend chosen on validation, its fitted part refitted on every rating, its vector part as
   * trained.
   */
  private Dataset<Row> blendLists(ModelSelection.BlendSpec blend) {
    Dataset<Row> all = allRatings();
    List<ItemScorer> parts =
        Candidates.fit(
            List.of(blend.fitted(), blend.vector()),
            all,
            Interactions.of(all, catalog),
            catalog,
            movieVectors,
            settings);
    return FittedTopMovies.compute(
        spark,
        blend.of(parts.get(0), parts.get(1)),
        catalog,
        all,
        Optional.of(of(userVectors, blend.vector())),
        rc.topN());
  }

  /** A model fitted from every rating (not only the training split): what users are served. */
  private Dataset<Row> fittedLists(String m) {
    Dataset<Row> all = allRatings();
    ItemScorer scorer =
        Candidates.fit(
                List.of(m), all, Interactions.of(all, catalog), catalog, movieVectors, settings)
            .get(0);
    return FittedTopMovies.compute(spark, scorer, catalog, all, Optional.empty(), rc.topN());
  }

  private Dataset<Row> allRatings() {
    return ratings.select(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID, TrainSchemas.RATING);
  }

  /** One model's rows of a vector table. */
  public static Dataset<Row> of(Dataset<Row> vectors, String model) {
    return vectors.filter(col(TrainSchemas.MODEL).equalTo(model));
  }

  /**
   * The constant term of a model's predictions: its global mean when it has biases (0 without a
   * model file, as for ALS).
   */
  private double shift(String model) {
    return modelFiles.apply(model).map(s -> s.config().biases() ? s.globalMean() : 0.0).orElse(0.0);
  }

  /**
   * The models validated: {@code configured} (ranking.candidates), then any pinned model they lack;
   * vector models the train job did not write this run (als with train.baselines.als = false) are
   * left out.
   */
  public static List<String> candidates(
      List<String> configured, List<String> available, List<String> pinned) {
    Set<String> out = new LinkedHashSet<>();
    for (String m : configured) {
      if (Candidates.FITTED.contains(m) || available.contains(m)) {
        out.add(m);
      } else {
        LOG.info("ranking.candidates: no vectors of {} this run, so it is not considered", m);
      }
    }
    out.addAll(pinned);
    return List.copyOf(out);
  }

  /** Every pinned model and the vector model must be servable on this run date. */
  public static void checkServable(
      List<String> available, List<String> pinned, String vectorModel, LocalDate runDate) {
    if (!available.contains(vectorModel)) {
      throw new IllegalArgumentException(
          "recommend.vector-model is "
              + vectorModel
              + ", but the movie_vectors of "
              + runDate
              + " hold only "
              + available
              + "; set it to one of those, or train that model");
    }
    for (String m : pinned) {
      if (!available.contains(m) && !Candidates.FITTED.contains(m)) {
        throw new IllegalArgumentException(
            "recommend.models names "
                + m
                + ", which is neither a model fitted from ratings "
                + new TreeSet<>(Candidates.FITTED)
                + " nor one the train job wrote vectors for on "
                + runDate
                + " "
                + available
                + "; set recommend.models to [auto] or to those");
      }
    }
  }
}
