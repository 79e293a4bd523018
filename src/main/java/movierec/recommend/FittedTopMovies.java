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
 * users are scored where their ratings are grouped: one pass of catalog-size work per user, no
 * shuffle beyond the grouping. Users without ratings get nothing here (the caller serves them).
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
                  float[] buf = new float[c.size()];
                  List<Row> out = new ArrayList<>();
                  while (it.hasNext()) {
                    Row r = it.next();
                    int[] history = c.indices(r.getList(1));
                    float[] vector = withVectors && !r.isNullAt(2) ? floats(r.getList(2)) : null;
                    TopK top = TopItems.best(s, history, history, vector, buf, n);
                    int[] order = top.bestFirst();
                    for (int i = 0; i < order.length; i++) {
                      out.add(
                          RowFactory.create(
                              r.getInt(0),
                              i + 1,
                              c.ids()[top.neighbor(order[i])],
                              top.score(order[i]),
                              name));
                    }
                  }
                  return out.iterator();
                });
    return spark.createDataFrame(rows, RecommendSchemas.MODEL_TOP_MOVIES);
  }

  private static float[] floats(List<Float> v) {
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }
}
