package movierec.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import movierec.config.AppConfig;
import movierec.config.AppConfig.RecommendConfig;
import movierec.ingest.IngestSchemas;
import movierec.io.PartitionCommit;
import movierec.io.Tables;
import movierec.model.ModelIo;
import movierec.model.ModelState;
import movierec.recommend.AlsoLiked;
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
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * recommend: from the train job's vectors and models and the similarity job's neighbours, writes
 * {@code user_top_movies}, {@code similar_movies}, {@code also_liked} and {@code
 * segment_top_movies} for the run date, committed together.
 */
public final class RecommendJob implements Job {
  public static final String NAME = "recommend";

  private static final Logger LOG = LoggerFactory.getLogger(RecommendJob.class);

  private final AppConfig config;
  private final LocalDate runDate;

  public RecommendJob(AppConfig config, LocalDate runDate, List<String> args) {
    this.config = config;
    this.runDate = runDate;
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

    Set<String> wanted = new LinkedHashSet<>(rc.models());
    wanted.add(rc.vectorModel());
    checkModels(userVectors, wanted);
    AlsoLiked.checkBudget(
        AlsoLiked.likes(ratings, rc.likeThreshold()), rc.likesCap(), rc.maxLikePairs());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<String, Optional<ModelState>> states = new LinkedHashMap<>();
    for (String m : wanted) {
      states.put(m, modelFile(hadoop, wh, m));
    }

    List<Dataset<Row>> persisted = new ArrayList<>();
    Map<String, Dataset<Row>> userTop = new HashMap<>();
    for (String m : wanted) {
      double shift = states.get(m).map(RecommendJob::meanShift).orElse(0.0);
      Dataset<Row> top =
          UserTopMovies.compute(
                  spark,
                  of(userVectors, m),
                  of(movieVectors, m),
                  ratings,
                  shift,
                  m,
                  rc.topN(),
                  rc.blockSize())
              .persist(StorageLevel.MEMORY_AND_DISK());
      persisted.add(top);
      userTop.put(m, top);
    }
    Dataset<Row> userTopMovies = null;
    for (String m : rc.models()) {
      userTopMovies = union(userTopMovies, userTop.get(m));
    }

    String vm = rc.vectorModel();
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
        AlsoLiked.tutorial(
                spark,
                of(movieVectors, vm),
                of(userVectors, vm),
                userTop.get(vm),
                rc.topUsers(),
                rc.userFavourites(),
                rc.topN(),
                rc.blockSize())
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
    Map<SegmentTopMovies.Segment, Long> population = population(users);
    for (String m : rc.models()) {
      if (states.get(m).isEmpty()) {
        LOG.info("No model file for {}: it has no user tower, so no segment lists", m);
        continue;
      }
      segments.addAll(
          SegmentTopMovies.compute(
              new NewUserScorer(states.get(m).get()),
              m,
              catalog(movieVectors, movies, ratings, m),
              population,
              rc.topN(),
              rc.minRatings()));
    }
    LOG.info("Segment and genre lists: {} rows", segments.size());

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
      commit.commit();
    } finally {
      persisted.forEach(Dataset::unpersist);
    }
    LOG.info("Recommendations written for {}", runDate);
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

  private void checkModels(Dataset<Row> userVectors, Set<String> wanted) {
    List<String> present =
        userVectors.select(TrainSchemas.MODEL).distinct().as(Encoders.STRING()).collectAsList();
    for (String m : wanted) {
      if (!present.contains(m)) {
        throw new IllegalArgumentException(
            "recommend.models / recommend.vector-model name "
                + m
                + ", but the user_vectors of "
                + runDate
                + " hold only "
                + present
                + "; set recommend.models to those, or train that model");
      }
    }
  }

  /** The model file the train job wrote for {@code model}, when there is one (not for ALS). */
  private Optional<ModelState> modelFile(Configuration conf, String wh, String model) {
    Path file = new Path(Tables.partition(wh, Tables.MODELS, runDate), model + ".model");
    try {
      if (!file.getFileSystem(conf).exists(file)) {
        return Optional.empty();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + file + ": " + e.getMessage(), e);
    }
    return Optional.of(ModelIo.load(file, conf));
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
