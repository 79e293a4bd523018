package movierec.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import movierec.config.AppConfig;
import movierec.config.AppConfig.RecommendConfig;
import movierec.config.ConfigLoader;
import movierec.evaluate.EvaluateSchemas;
import movierec.evaluate.MetricRow;
import movierec.evaluate.ModelSelection;
import movierec.ingest.IngestSchemas;
import movierec.io.PartitionCommit;
import movierec.io.Tables;
import movierec.model.ModelIo;
import movierec.model.ModelState;
import movierec.ranking.Candidates;
import movierec.ranking.Catalog;
import movierec.ranking.Interactions;
import movierec.ranking.ItemItem;
import movierec.ranking.ItemScorer;
import movierec.recommend.AlsoLiked;
import movierec.recommend.FittedTopMovies;
import movierec.recommend.NewUserScorer;
import movierec.recommend.RecommendSchemas;
import movierec.recommend.SegmentTopMovies;
import movierec.recommend.SimilarMovies;
import movierec.recommend.UserTopMovies;
import movierec.similarity.Kind;
import movierec.train.TrainSchemas;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * recommend: chooses the served model on the validation split ({@code model_selection}), then from
 * it, the train job's vectors and models and the similarity job's neighbours writes {@code
 * user_top_movies}, {@code similar_movies}, {@code also_liked} and {@code segment_top_movies} for
 * the run date, committed together.
 */
public final class RecommendJob implements Job {
  public static final String NAME = "recommend";

  private static final Logger LOG = LoggerFactory.getLogger(RecommendJob.class);

  private final AppConfig config;
  private final LocalDate runDate;

  public RecommendJob(AppConfig config, LocalDate runDate) {
    this.config = config;
    this.runDate = runDate;
  }

  @Override
  public void preflight(Configuration hadoopConf) {
    if (fittedNames().anyMatch(m -> m.equals(Candidates.EASE))) {
      ItemItem.checkDriverHeap(config.ranking().easeMaxItems());
    }
  }

  private java.util.stream.Stream<String> fittedNames() {
    return java.util.stream.Stream.concat(
            config.ranking().candidates().stream(), config.recommend().models().stream())
        .filter(Candidates.FITTED::contains);
  }

  @Override
  public void run(SparkSession spark) {
    String wh = config.warehousePath();
    RecommendConfig rc = config.recommend();
    spark.sparkContext().setJobGroup(NAME, "recommend for " + runDate, false);
    Dataset<Row> ratings = Tables.read(spark, wh, Tables.RATINGS, runDate);
    Dataset<Row> movies = Tables.read(spark, wh, Tables.MOVIES, runDate);
    Dataset<Row> users = Tables.read(spark, wh, Tables.USERS, runDate);
    Dataset<Row> userVectors = Tables.read(spark, wh, Tables.USER_VECTORS, runDate);
    Dataset<Row> movieVectors = Tables.read(spark, wh, Tables.MOVIE_VECTORS, runDate);
    Dataset<Row> neighbors = Tables.read(spark, wh, Tables.MOVIE_NEIGHBORS, runDate);
    Dataset<Row> split = Tables.read(spark, wh, Tables.RATINGS_SPLIT, runDate);

    List<String> available = Candidates.vectorModels(movieVectors);
    boolean auto = rc.models().equals(List.of(ConfigLoader.AUTO));
    List<String> listed = auto ? List.of() : rc.models();
    checkModels(available, listed, rc.vectorModel());
    AlsoLiked.checkBudget(
        AlsoLiked.likes(ratings, rc.likeThreshold()), rc.likesCap(), rc.maxLikePairs());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String vm = rc.vectorModel();
    Optional<ModelState> vmState = modelFile(hadoop, wh, vm);

    Catalog catalog = Catalog.of(movies);
    ModelSelection.Result choice =
        ModelSelection.run(
            spark,
            split,
            catalog,
            userVectors,
            movieVectors,
            candidates(available, listed),
            settings(),
            config.ranking().selectionK(),
            config.evaluate().relevantThreshold(),
            config.ranking().blendWeights(),
            auto ? Optional.empty() : Optional.of(listed.get(0)));
    String served = choice.served();

    List<Dataset<Row>> persisted = new ArrayList<>();
    // The vector model's lists serve cold users, and its scores also give the tutorial also_liked
    // its fans: one scoring pass of users x movies for both.
    UserTopMovies.WithFans vmPass =
        UserTopMovies.withFans(
            spark,
            of(userVectors, vm),
            of(movieVectors, vm),
            ratings,
            vmState.map(RecommendJob::meanShift).orElse(0.0),
            vm,
            rc.topN(),
            rc.topUsers(),
            rc.blockSize());
    persisted.add(vmPass.persisted());
    // A filter of the persisted pass: no cache of its own.
    Dataset<Row> vmTop = vmPass.lists();
    Dataset<Row> userTopMovies = null;
    for (String m : auto ? List.of(served) : listed) {
      Dataset<Row> lists;
      // Lists from ratings cover the users with a rating; vector lists cover every user.
      boolean fromRatings = true;
      if (m.equals(ModelSelection.BLEND) && choice.blend().isPresent()) {
        lists =
            blendLists(spark, choice.blend().get(), ratings, catalog, userVectors, movieVectors);
      } else if (Candidates.FITTED.contains(m)) {
        lists = fittedLists(spark, m, ratings, catalog, movieVectors);
      } else {
        fromRatings = false;
        lists =
            m.equals(vm)
                ? vmTop
                : vectorLists(
                    spark, m, modelFile(hadoop, wh, m), userVectors, movieVectors, ratings);
      }
      boolean isServed = m.equals(served);
      userTopMovies =
          union(userTopMovies, lists.withColumn(RecommendSchemas.SERVED, lit(isServed)));
      if (isServed && fromRatings) {
        // A model fitted from ratings has nothing to go on for a user without any: those users
        // are served the vector model's list, from their attributes.
        Dataset<Row> cold =
            vmTop.join(
                ratings.select(TrainSchemas.USER_ID).distinct(),
                new String[] {TrainSchemas.USER_ID},
                "left_anti");
        userTopMovies = userTopMovies.unionAll(cold.withColumn(RecommendSchemas.SERVED, lit(true)));
      }
    }

    Dataset<Row> coRating =
        SimilarMovies.fromNeighbors(
            neighbors, Kind.of(rc.coRatingKind()), RecommendSchemas.CO_RATING, rc.topN());
    Dataset<Row> content =
        SimilarMovies.fromNeighbors(neighbors, Kind.CONTENT, RecommendSchemas.CONTENT, rc.topN());
    Dataset<Row> similar =
        SimilarMovies.embedding(spark, of(movieVectors, vm), rc.topN(), rc.blockSize())
            .unionAll(coRating)
            .unionAll(content)
            .unionAll(
                SimilarMovies.blended(
                    coRating, content, movies, rc.genreWeight(), rc.coRatingWeight(), rc.topN()));

    Dataset<Row> alsoLiked =
        AlsoLiked.tutorial(vmPass.fans(), vmTop, rc.topUsers(), rc.userFavourites(), rc.topN())
            .unionAll(
                AlsoLiked.coRating(
                    spark,
                    ratings,
                    rc.likeThreshold(),
                    rc.minSupport(),
                    rc.topN(),
                    rc.likesCap(),
                    config.similarity().seed(),
                    rc.likesBlockSize()));

    List<Row> segments = new ArrayList<>();
    if (vmState.isEmpty()) {
      LOG.info("No model file for {}: it has no user tower, so no segment lists", vm);
    } else {
      segments.addAll(
          SegmentTopMovies.compute(
              new NewUserScorer(vmState.get()),
              vm,
              catalog(movieVectors, movies, ratings, vm),
              population(users),
              rc.topN(),
              rc.minRatings()));
    }
    LOG.info("Segment and genre lists: {} rows", segments.size());

    List<Row> selection = new ArrayList<>();
    for (MetricRow m : choice.validation()) {
      selection.add(m.toRow(TrainSchemas.VALIDATION, m.model().equals(served)));
    }
    try (PartitionCommit commit = new PartitionCommit(spark, wh, runDate)) {
      // Sorted by the id a reader looks up: Parquet's min/max statistics then let recommend-for
      // (and analysts' filters) skip all but a few pages.
      commit.stage(
          Tables.USER_TOP_MOVIES,
          userTopMovies.orderBy(
              RecommendSchemas.USER_ID, RecommendSchemas.MODEL, RecommendSchemas.RANK));
      commit.stage(
          Tables.SIMILAR_MOVIES,
          similar.orderBy(
              RecommendSchemas.MOVIE_ID, RecommendSchemas.METHOD, RecommendSchemas.RANK));
      commit.stage(
          Tables.ALSO_LIKED,
          alsoLiked.orderBy(
              RecommendSchemas.MOVIE_ID, RecommendSchemas.METHOD, RecommendSchemas.RANK));
      commit.stage(
          Tables.SEGMENT_TOP_MOVIES,
          spark.createDataFrame(segments, RecommendSchemas.SEGMENT_TOP_MOVIES).coalesce(1));
      commit.stage(
          Tables.MODEL_SELECTION,
          spark.createDataFrame(selection, EvaluateSchemas.METRICS).coalesce(1));
      commit.commit();
    } finally {
      persisted.forEach(Dataset::unpersist);
    }
    LOG.info("Recommendations written for {}; user_top_movies serves {}", runDate, served);
  }

  private Candidates.Settings settings() {
    return Candidates.Settings.of(config.ranking(), config.train().baselines());
  }

  /**
   * The models validated: ranking.candidates, then any pinned model they lack; vector models the
   * train job did not write this run (als with train.baselines.als = false) are left out.
   */
  private List<String> candidates(List<String> available, List<String> pinned) {
    Set<String> out = new LinkedHashSet<>();
    for (String m : config.ranking().candidates()) {
      if (Candidates.FITTED.contains(m) || available.contains(m)) {
        out.add(m);
      } else {
        LOG.info("ranking.candidates: no vectors of {} on {}, so it is not considered", m, runDate);
      }
    }
    out.addAll(pinned);
    return List.copyOf(out);
  }

  /** A vector model's lists by predicted rating, for every user with a vector. */
  private Dataset<Row> vectorLists(
      SparkSession spark,
      String m,
      Optional<ModelState> state,
      Dataset<Row> userVectors,
      Dataset<Row> movieVectors,
      Dataset<Row> ratings) {
    RecommendConfig rc = config.recommend();
    return UserTopMovies.compute(
        spark,
        of(userVectors, m),
        of(movieVectors, m),
        ratings,
        state.map(RecommendJob::meanShift).orElse(0.0),
        m,
        rc.topN(),
        rc.blockSize());
  }

  /**
   * The blend chosen on validation, its fitted part refitted on every rating, its vector part as
   * trained.
   */
  private Dataset<Row> blendLists(
      SparkSession spark,
      ModelSelection.BlendSpec blend,
      Dataset<Row> ratings,
      Catalog catalog,
      Dataset<Row> userVectors,
      Dataset<Row> mv) {
    Dataset<Row> all =
        ratings.select(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID, TrainSchemas.RATING);
    List<ItemScorer> parts =
        Candidates.fit(
            List.of(blend.fitted(), blend.vector()),
            all,
            Interactions.of(all, catalog),
            catalog,
            mv,
            settings());
    ItemScorer scorer = blend.of(parts.get(0), parts.get(1));
    return FittedTopMovies.compute(
        spark,
        scorer,
        catalog,
        all,
        Optional.of(of(userVectors, blend.vector())),
        config.recommend().topN());
  }

  /** A model fitted from every rating (not only the training split): what users are served. */
  private Dataset<Row> fittedLists(
      SparkSession spark, String m, Dataset<Row> ratings, Catalog catalog, Dataset<Row> mv) {
    Dataset<Row> all =
        ratings.select(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID, TrainSchemas.RATING);
    ItemScorer scorer =
        Candidates.fit(List.of(m), all, Interactions.of(all, catalog), catalog, mv, settings())
            .get(0);
    return FittedTopMovies.compute(
        spark, scorer, catalog, all, Optional.empty(), config.recommend().topN());
  }

  private static Dataset<Row> of(Dataset<Row> vectors, String model) {
    return vectors.filter(col(TrainSchemas.MODEL).equalTo(model));
  }

  private static Dataset<Row> union(Dataset<Row> a, Dataset<Row> b) {
    return a == null ? b : a.unionAll(b);
  }

  /** The constant term of the model's predictions: its global mean when it has biases. */
  static double meanShift(ModelState s) {
    return s.config().biases() ? s.globalMean() : 0;
  }

  /** Every pinned model and the vector model must be servable on this run date. */
  private void checkModels(List<String> available, List<String> pinned, String vectorModel) {
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
                + new java.util.TreeSet<>(Candidates.FITTED)
                + " nor one the train job wrote vectors for on "
                + runDate
                + " "
                + available
                + "; set recommend.models to [auto] or to those");
      }
    }
  }

  /** The model file the train job wrote for {@code model}, when there is one (not for ALS). */
  private Optional<ModelState> modelFile(Configuration conf, String wh, String model) {
    return ModelIo.loadIfExists(
        new Path(Tables.partition(wh, Tables.MODELS, runDate), model + ".model"), conf);
  }

  private static Map<SegmentTopMovies.Segment, Long> population(Dataset<Row> users) {
    Map<SegmentTopMovies.Segment, Long> out = new HashMap<>();
    for (Row r :
        users
            .filter(
                col(IngestSchemas.GENDER)
                    .isNotNull()
                    .and(col(IngestSchemas.AGE).isNotNull())
                    .and(col(IngestSchemas.OCCUPATION).isNotNull()))
            .groupBy(IngestSchemas.GENDER, IngestSchemas.AGE, IngestSchemas.OCCUPATION)
            .count()
            .collectAsList()) {
      out.put(new SegmentTopMovies.Segment(r.getString(0), r.getInt(1), r.getInt(2)), r.getLong(3));
    }
    return out;
  }

  /** Every movie with a vector of {@code model}, its genres and rating count, on the driver. */
  static List<SegmentTopMovies.Movie> catalog(
      Dataset<Row> movieVectors, Dataset<Row> movies, Dataset<Row> ratings, String model) {
    Dataset<Row> counts = ratings.groupBy(col(IngestSchemas.MOVIE_ID).as(TrainSchemas.ID)).count();
    List<SegmentTopMovies.Movie> out = new ArrayList<>();
    for (Row r :
        of(movieVectors, model)
            .join(
                movies.select(
                    col(IngestSchemas.MOVIE_ID).as(TrainSchemas.ID), col(IngestSchemas.GENRES)),
                TrainSchemas.ID)
            .join(counts, new String[] {TrainSchemas.ID}, "left")
            .select(
                col(TrainSchemas.ID),
                col(TrainSchemas.VECTOR),
                col(TrainSchemas.BIAS),
                col(IngestSchemas.GENRES),
                col("count"))
            .orderBy(TrainSchemas.ID)
            .collectAsList()) {
      List<Float> v = r.getList(1);
      float[] vec = new float[v.size()];
      for (int k = 0; k < vec.length; k++) {
        vec[k] = v.get(k);
      }
      out.add(
          new SegmentTopMovies.Movie(
              r.getInt(0), vec, r.getFloat(2), r.getList(3), r.isNullAt(4) ? 0 : r.getLong(4)));
    }
    return out;
  }
}
