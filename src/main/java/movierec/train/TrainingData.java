package movierec.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import movierec.model.FeatureTable;
import movierec.model.InputSpace;
import movierec.model.RatingShard;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Everything training reads, prepared once: the split ratings (cached), the model's input space and
 * feature table (broadcast), and the three splits as rating shards. Close it to release them.
 */
public final class TrainingData implements AutoCloseable {
  public final Dataset<Row> split;
  public final Dataset<Row> train;
  public final Dataset<Row> validation;
  public final Dataset<Row> test;

  /** The lowest and highest rating: what predictions are clipped to. */
  public final RatingScale scale;

  public final InputSpace space;
  public final FeatureTable features;
  public final Broadcast<FeatureTable> broadcast;
  public final JavaRDD<RatingShard> trainShards;
  public final JavaRDD<RatingShard> validationShards;
  public final JavaRDD<RatingShard> testShards;

  private TrainingData(
      Dataset<Row> split,
      InputSpace space,
      FeatureTable features,
      Broadcast<FeatureTable> broadcast,
      int partitions) {
    this.split = split;
    this.train = part(split, TrainSchemas.TRAIN);
    this.validation = part(split, TrainSchemas.VALIDATION);
    this.test = part(split, TrainSchemas.TEST);
    this.scale = RatingScale.of(split);
    this.space = space;
    this.features = features;
    this.broadcast = broadcast;
    this.trainShards = Shards.of(train, partitions, broadcast);
    this.validationShards = Shards.of(validation, partitions, broadcast);
    this.testShards = Shards.of(test, partitions, broadcast);
  }

  /**
   * @param ratings the ratings table; users and movies the ingest tables
   * @param titleWords the features job's title vocabulary, or empty to fit one
   */
  public static TrainingData prepare(
      SparkSession spark,
      Dataset<Row> ratings,
      Dataset<Row> users,
      Dataset<Row> movies,
      List<String> titleWords,
      TrainConfig tc) {
    Dataset<Row> split =
        RatingSplit.assign(
                ratings,
                tc.splitMethod(),
                tc.testFraction(),
                tc.validationFraction(),
                tc.splitSeed())
            .cache();
    List<ModelInputs.User> us = ModelInputs.users(users);
    List<ModelInputs.Movie> ms = ModelInputs.movies(movies);
    Dataset<Row> train = part(split, TrainSchemas.TRAIN);
    InputSpace space =
        ModelInputs.space(
            us,
            ms,
            distinctIds(train, TrainSchemas.USER_ID),
            distinctIds(train, TrainSchemas.MOVIE_ID),
            titleWords);
    FeatureTable features =
        ModelInputs.table(
            space,
            ModelInputs.withRatedOnly(us, distinctIds(split, TrainSchemas.USER_ID)),
            ms,
            tc.model().titleLength());
    features = withRatingInputs(features, train, tc.model());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return new TrainingData(split, space, features, jsc.broadcast(features), tc.partitions());
  }

  /**
   * {@code features} with the training histories (the history input and what ranking validation
   * leaves out), and the ratings lists the model's ratings inputs read, centred on the training
   * mean.
   */
  static FeatureTable withRatingInputs(
      FeatureTable features, Dataset<Row> train, movierec.model.ModelConfig model) {
    ModelInputs.RatingLists byUser = ModelInputs.byUser(train, features);
    FeatureTable out = HistoryVectors.withHistories(features, byUser, model);
    if (model.movieRatingsDim() > 0) {
      ModelInputs.RatingLists byMovie = byUser.transpose(features.movies());
      out = out.withRaters(byMovie.ids(), byMovie.ratings(), byUser.mean());
    }
    return out;
  }

  /** Ratings per split (train, validation, test), in one pass over the cached split. */
  public java.util.Map<String, Long> splitCounts() {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    for (Row r : split.groupBy(TrainSchemas.SPLIT).count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  /** Counts and rating sums of the training shards: identifies the data for checkpoints. */
  public String fingerprint() {
    return String.join(
        ",", trainShards.map(s -> s.size() + ":" + String.format("%.1f", s.ratingSum())).collect());
  }

  @Override
  public void close() {
    trainShards.unpersist();
    validationShards.unpersist();
    testShards.unpersist();
    split.unpersist();
    broadcast.destroy();
  }

  private static Dataset<Row> part(Dataset<Row> split, String which) {
    return split.filter(col(TrainSchemas.SPLIT).equalTo(lit(which))).drop(TrainSchemas.SPLIT);
  }

  private static int[] distinctIds(Dataset<Row> ratings, String column) {
    return ratings.select(column).distinct().as(Encoders.INT()).collectAsList().stream()
        .mapToInt(Integer::intValue)
        .sorted()
        .toArray();
  }
}
