package movierec.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movierec.ranking.Catalog;
import movierec.ranking.ItemScorer;
import movierec.ranking.TopItems;
import movierec.similarity.TopK;
import movierec.train.TrainSchemas;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * user_top_movies of a model fitted from ratings (EASE, item-kNN, popularity, bias): every user
 * with at least one rating gets the n best movies they have not rated, scored from everything they
 * rated. The model is broadcast once (EASE: 4 m^2 bytes for m covered movies, 52 MB on ML-1M) and
 * users are scored where their ratings are grouped, a block of users at a time ({@link
 * ItemScorer#scoreBlock}: one matrix product per block for a vector model), no shuffle beyond the
 * grouping. Users without ratings get nothing here (the caller serves them).
 */
public final class FittedTopMovies {
  private FittedTopMovies() {}

  /**
   * @param ratings user_id, movie_id of every rating: what each user is scored from and never
   *     offered
   * @param userVectors id, vector of the model's vector part (for a blend), or empty
   */
  public static Dataset<Row> compute(
      SparkSession spark,
      ItemScorer scorer,
      Catalog catalog,
      Dataset<Row> ratings,
      Optional<Dataset<Row>> userVectors,
      int n) {
    Dataset<Row> seen =
        ratings
            .groupBy(col(TrainSchemas.USER_ID))
            .agg(collect_list(TrainSchemas.MOVIE_ID).as("seen"));
    if (userVectors.isPresent()) {
      Dataset<Row> v = userVectors.get();
      seen =
          seen.join(
                  v.select(col(TrainSchemas.USER_ID), col(TrainSchemas.VECTOR)),
                  new String[] {TrainSchemas.USER_ID},
                  "left")
              .select(TrainSchemas.USER_ID, "seen", TrainSchemas.VECTOR);
    }
    boolean withVectors = userVectors.isPresent();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ItemScorer> model = jsc.broadcast(scorer);
    Broadcast<Catalog> movies = jsc.broadcast(catalog);
    String name = scorer.name();
    JavaRDD<Row> rows =
        seen.javaRDD()
            .mapPartitions(
                it -> {
                  Catalog c = movies.value();
                  ItemScorer s = model.value();
                  int block = TopItems.blockUsers(c.size());
                  float[] scores = new float[block * c.size()];
                  List<Row> users = new ArrayList<>(block);
                  List<Row> out = new ArrayList<>();
                  while (it.hasNext()) {
                    users.add(it.next());
                    if (users.size() == block || !it.hasNext()) {
                      lists(users, c, s, withVectors, n, name, scores, out);
                      users.clear();
                    }
                  }
                  return out.iterator();
                });
    return spark.createDataFrame(rows, RecommendSchemas.MODEL_TOP_MOVIES);
  }

  /** One block of users (user_id, seen[, vector]) scored at once, their lists appended to out. */
  private static void lists(
      List<Row> users,
      Catalog c,
      ItemScorer s,
      boolean withVectors,
      int n,
      String name,
      float[] scores,
      List<Row> out) {
    int count = users.size();
    int[][] history = new int[count][];
    float[][] vectors = withVectors ? new float[count][] : null;
    for (int u = 0; u < count; u++) {
      Row r = users.get(u);
      history[u] = c.indices(r.getList(1));
      if (withVectors) {
        vectors[u] = r.isNullAt(2) ? null : TopItems.vector(r.getList(2));
      }
    }
    float[] block = count * c.size() == scores.length ? scores : new float[count * c.size()];
    s.scoreBlock(history, vectors, count, block);
    for (int u = 0; u < count; u++) {
      TopK top = TopItems.best(block, u * c.size(), c.size(), history[u], n);
      int[] order = top.bestFirst();
      for (int i = 0; i < order.length; i++) {
        out.add(
            RowFactory.create(
                users.get(u).getInt(0),
                i + 1,
                c.ids()[top.neighbor(order[i])],
                top.score(order[i]),
                name));
      }
    }
  }
}
