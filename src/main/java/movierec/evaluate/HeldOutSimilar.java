package movierec.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import movierec.ranking.MetricRow;
import movierec.recommend.RecommendConfig;
import movierec.recommend.RecommendSchemas;
import movierec.recommend.SimilarMovies;
import movierec.similarity.CoRatingSimilarity;
import movierec.similarity.Kind;
import movierec.similarity.NeighborSchemas;
import movierec.similarity.Neighbors;
import movierec.train.TrainSchemas;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
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
                CoRatingSimilarity.compute(
                    spark, CoRatingSimilarity.input(train, true), params, null),
                params.k())
            .withColumnRenamed(NeighborSchemas.ID, NeighborSchemas.MOVIE_ID); // as movie_neighbors
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
    // The lists are small (movies x k per method) and go to every task; each user's ratings are
    // judged where they are grouped: one shuffle of the split, no join of the offered pairs.
    Lists byMethod = Lists.of(lists, k);
    Dataset<Row> perUser =
        split
            .select(
                col(TrainSchemas.USER_ID),
                col(TrainSchemas.MOVIE_ID),
                when(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TRAIN), lit(TRAIN))
                    .when(col(TrainSchemas.SPLIT).equalTo(TrainSchemas.TEST), lit(TEST))
                    .otherwise(lit(VALIDATION))
                    .plus(when(col(TrainSchemas.RATING).geq(threshold), lit(LIKED)).otherwise(0))
                    .as("kind"))
            .filter(col("kind").notEqual(TEST))
            .groupBy(TrainSchemas.USER_ID)
            .agg(
                collect_list(TrainSchemas.MOVIE_ID).as("movies"), collect_list("kind").as("kinds"));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(split.sparkSession().sparkContext());
    Broadcast<Lists> bc = jsc.broadcast(byMethod);
    long[][] totals;
    try {
      totals =
          perUser
              .javaRDD()
              .map(r -> judge(bc.value(), r.getList(1), r.getList(2)))
              .fold(new long[byMethod.methods.length][3], HeldOutSimilar::add);
    } finally {
      bc.destroy();
    }
    List<MetricRow> out = new ArrayList<>();
    long relevant = byMethod.methods.length == 0 ? 0 : totals[0][2];
    for (int m = 0; m < byMethod.methods.length; m++) {
      long pairs = totals[m][0];
      long hits = totals[m][1];
      if (pairs == 0) {
        continue;
      }
      String model = SimilarQuality.PREFIX + byMethod.methods[m];
      out.add(new MetricRow(model, PRECISION, k, (double) hits / pairs));
      out.add(new MetricRow(model, RECALL, k, relevant == 0 ? 0.0 : (double) hits / relevant));
    }
    return out;
  }

  /** A rating's kind: its split, plus {@link #LIKED} at or above the threshold. */
  private static final int TRAIN = 0;

  private static final int VALIDATION = 2;
  private static final int TEST = 4;
  private static final int LIKED = 1;

  /** The neighbours of a movie a method lists none for. */
  private static final int[] NONE = new int[0];

  /**
   * One user's (offered pairs, hits, liked test movies) per method: the distinct neighbours of the
   * liked training movies, less what the user rated in training or validation.
   */
  private static long[][] judge(Lists lists, List<Integer> movies, List<Integer> kinds) {
    Set<Integer> seen = new HashSet<>();
    Set<Integer> likedTest = new HashSet<>();
    List<Integer> liked = new ArrayList<>();
    for (int i = 0; i < movies.size(); i++) {
      int kind = kinds.get(i);
      if (kind == TEST + LIKED) {
        likedTest.add(movies.get(i));
      } else {
        seen.add(movies.get(i));
        if (kind == TRAIN + LIKED) {
          liked.add(movies.get(i));
        }
      }
    }
    long[][] out = new long[lists.methods.length][3];
    for (int m = 0; m < lists.methods.length; m++) {
      Set<Integer> offered = new HashSet<>();
      for (int movie : liked) {
        for (int n : lists.neighbours.get(m).getOrDefault(movie, NONE)) {
          if (!seen.contains(n) && offered.add(n) && likedTest.contains(n)) {
            out[m][1]++;
          }
        }
      }
      out[m][0] = offered.size();
      out[m][2] = likedTest.size();
    }
    return out;
  }

  private static long[][] add(long[][] a, long[][] b) {
    long[][] out = new long[a.length][];
    for (int m = 0; m < a.length; m++) {
      out[m] = new long[a[m].length];
      for (int j = 0; j < a[m].length; j++) {
        out[m][j] = a[m][j] + b[m][j];
      }
    }
    return out;
  }

  /** The top-k neighbours of each movie, per method (methods in name order). */
  private static final class Lists implements Serializable {
    private static final long serialVersionUID = 1L;
    final String[] methods;
    final List<Map<Integer, int[]>> neighbours;

    private Lists(String[] methods, List<Map<Integer, int[]>> neighbours) {
      this.methods = methods;
      this.neighbours = neighbours;
    }

    static Lists of(Dataset<Row> lists, int k) {
      Map<String, Map<Integer, List<int[]>>> ranked = new TreeMap<>();
      for (Row r :
          lists
              .filter(col(RecommendSchemas.RANK).leq(k))
              .select(
                  RecommendSchemas.METHOD,
                  RecommendSchemas.MOVIE_ID,
                  RecommendSchemas.RANK,
                  NEIGHBOR)
              .collectAsList()) {
        ranked
            .computeIfAbsent(r.getString(0), x -> new HashMap<>())
            .computeIfAbsent(r.getInt(1), x -> new ArrayList<>())
            .add(new int[] {r.getInt(2), r.getInt(3)});
      }
      List<Map<Integer, int[]>> neighbours = new ArrayList<>();
      for (Map<Integer, List<int[]>> byMovie : ranked.values()) {
        Map<Integer, int[]> m = new HashMap<>();
        byMovie.forEach(
            (movie, l) ->
                m.put(
                    movie,
                    l.stream()
                        .sorted(Comparator.comparingInt((int[] x) -> x[0]))
                        .mapToInt(x -> x[1])
                        .toArray()));
        neighbours.add(m);
      }
      return new Lists(ranked.keySet().toArray(String[]::new), neighbours);
    }
  }
}
