package movierec.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import movierec.config.AppConfig.RecommendConfig;
import movierec.recommend.RecommendSchemas;
import movierec.recommend.SimilarMovies;
import movierec.similarity.CoRatingSimilarity;
import movierec.similarity.Kind;
import movierec.similarity.Neighbors;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The similar-movie methods judged on held-out likes: for every user, the top-k similar movies of
 * each movie they liked in training, less what they rated in training or validation, are
 * "recommended"; a test rating at or above the threshold is a hit. No method's own score enters
 * (genre Jaccard, which the blended method is mostly made of, does not).
 *
 * <p>held_out_precision: hits over recommended (user, movie) pairs. held_out_recall: the share of
 * liked test (user, movie) pairs that some liked training movie's list holds. The lists must be
 * built without the test ratings: {@code similar_movies}' co-rating and blended lists count every
 * rating, so {@code evaluate} rebuilds those two from the training split before calling this.
 */
public final class HeldOutSimilar {
  public static final String PRECISION = "held_out_precision";
  public static final String RECALL = "held_out_recall";

  private static final String NEIGHBOR = RecommendSchemas.NEIGHBOR_ID;

  /** The similar movies of each liked training movie offered. */
  public static final int K = 10;

  private HeldOutSimilar() {}

  /** The held-out figures of every similar_movies method, at {@link #K}. */
  public static List<MetricRow> judge(
      SparkSession spark,
      Dataset<Row> similarMovies,
      Dataset<Row> split,
      Dataset<Row> movies,
      CoRatingSimilarity.Params params,
      RecommendConfig rc,
      double threshold) {
    return compute(lists(spark, similarMovies, split, movies, params, rc), split, threshold, K);
  }

  /**
   * The lists to judge: {@code similar_movies}' embedding and content lists as written (the
   * embedding was trained on the training split; content reads no rating), and the co-rating and
   * blended lists built again, the same way, from the training split alone.
   */
  public static Dataset<Row> lists(
      SparkSession spark,
      Dataset<Row> similarMovies,
      Dataset<Row> split,
      Dataset<Row> movies,
      CoRatingSimilarity.Params params,
      RecommendConfig rc) {
    Dataset<Row> train = split.filter(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TRAIN));
    Dataset<Row> neighbors =
        Neighbors.rank(
            spark,
            CoRatingSimilarity.compute(spark, CoRatingSimilarity.input(train, true), params, null),
            params.k());
    Dataset<Row> coRating =
        SimilarMovies.fromNeighbors(
            neighbors, Kind.of(rc.coRatingKind()), RecommendSchemas.CO_RATING, rc.topN());
    Dataset<Row> content =
        similarMovies
            .filter(col(RecommendSchemas.METHOD).equalTo(RecommendSchemas.CONTENT))
            .select(coRating.columns()[0], rest(coRating.columns()));
    return similarMovies
        .filter(
            col(RecommendSchemas.METHOD).isin(RecommendSchemas.EMBEDDING, RecommendSchemas.CONTENT))
        .select(coRating.columns()[0], rest(coRating.columns()))
        .unionByName(coRating)
        .unionByName(
            SimilarMovies.blended(
                coRating, content, movies, rc.genreWeight(), rc.coRatingWeight(), rc.topN()));
  }

  private static String[] rest(String[] columns) {
    return java.util.Arrays.copyOfRange(columns, 1, columns.length);
  }

  /**
   * @param lists similar_movies rows (movie_id, method, rank, neighbor_id) of every method judged
   * @param split ratings_split rows
   */
  public static List<MetricRow> compute(
      Dataset<Row> lists, Dataset<Row> split, double threshold, int k) {
    String user = TrainSchemas.USER_ID;
    String movie = TrainSchemas.MOVIE_ID;
    Dataset<Row> liked =
        split
            .filter(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TRAIN))
            .filter(col(TrainSchemas.RATING).geq(threshold))
            .select(user, movie);
    Dataset<Row> seen =
        split
            .filter(col(TrainSchemas.SPLIT).notEqual(TrainSchemas.TEST))
            .select(col(user), col(movie).as(NEIGHBOR));
    Dataset<Row> likedTest =
        split
            .filter(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TEST))
            .filter(col(TrainSchemas.RATING).geq(threshold))
            .select(col(user), col(movie).as(NEIGHBOR), lit(1).as("hit"));
    Dataset<Row> offered =
        liked
            .join(
                lists
                    .filter(col(RecommendSchemas.RANK).leq(k))
                    .select(RecommendSchemas.MOVIE_ID, RecommendSchemas.METHOD, NEIGHBOR),
                movie)
            .select(RecommendSchemas.METHOD, user, NEIGHBOR)
            .distinct()
            .join(seen, new String[] {user, NEIGHBOR}, "left_anti")
            .join(likedTest, new String[] {user, NEIGHBOR}, "left");
    long relevant = likedTest.count();
    List<MetricRow> out = new ArrayList<>();
    for (Row r :
        offered
            .groupBy(RecommendSchemas.METHOD)
            .agg(count(lit(1)), count(col("hit")))
            .orderBy(RecommendSchemas.METHOD)
            .collectAsList()) {
      String model = SimilarQuality.PREFIX + r.getString(0);
      long pairs = r.getLong(1);
      long hits = r.getLong(2);
      out.add(new MetricRow(model, PRECISION, k, pairs == 0 ? 0.0 : (double) hits / pairs));
      out.add(new MetricRow(model, RECALL, k, relevant == 0 ? 0.0 : (double) hits / relevant));
    }
    return out;
  }
}
