package movierec.ranking;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import movierec.train.BaselineConfig;
import movierec.train.Baselines;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servable ranking models by name. {@code popularity}, {@code bias}, {@code item_knn} and
 * {@code ease} are fitted here from whichever ratings they are given (the training split to be
 * validated or tested, every rating to be served); any other name is a vector model the train job
 * wrote (embedding, embedding_tutorial, als), scored from its vectors as they are.
 */
public final class Candidates {
  public static final String POPULARITY = "popularity";
  public static final String BIAS = "bias";
  public static final String ITEM_KNN = "item_knn";
  public static final String EASE = "ease";
  public static final String SPARSE_EASE = "sparse_ease";

  /** The models fitted from ratings (the rest come from the vector tables). */
  public static final Set<String> FITTED = Set.of(POPULARITY, BIAS, ITEM_KNN, EASE, SPARSE_EASE);

  private static final Logger LOG = LoggerFactory.getLogger(Candidates.class);

  /** What fitting needs besides the ratings: the models' settings. */
  public record Settings(
      double easeLambda,
      int easeMaxItems,
      boolean easeItemsDerived,
      int knnNeighbours,
      int sparseEaseNeighbours,
      int sparseEaseCounts,
      double biasRegularization,
      int biasIterations) {
    public static Settings of(RankingConfig r, BaselineConfig b) {
      return new Settings(
          r.easeLambda(),
          r.easeItems(),
          r.easeMaxItems().isEmpty(),
          r.knnNeighbours(),
          r.sparseEaseNeighbours(),
          r.sparseEaseCounts(),
          b.biasRegularization(),
          b.biasIterations());
    }
  }

  private Candidates() {}

  /** The vector models the train job wrote for this run (movie_vectors.model), sorted. */
  public static List<String> vectorModels(Dataset<Row> movieVectors) {
    return movieVectors
        .select(TrainSchemas.MODEL)
        .distinct()
        .orderBy(TrainSchemas.MODEL)
        .as(Encoders.STRING())
        .collectAsList();
  }

  /**
   * Fits (or loads) the named models, in the order given.
   *
   * @param ratings user_id, movie_id, rating: what the fitted models learn from
   * @param interactions the same ratings on the driver
   * @param movieVectors movie_vectors, for vector models
   */
  public static List<ItemScorer> fit(
      List<String> names,
      Dataset<Row> ratings,
      Interactions interactions,
      Catalog catalog,
      Dataset<Row> movieVectors,
      Settings s) {
    List<ItemScorer> out = new ArrayList<>();
    ItemItem.Gram gram = null;
    SparseEase.Lists lists = null;
    for (String name : names) {
      long t0 = System.nanoTime();
      if (name.equals(EASE) && gram == null) {
        gram = ItemItem.gram(interactions.histories(), interactions.popularity(), s.easeMaxItems());
        LOG.info(
            "Co-rating counts of {} movies in {} s{}",
            gram.m(),
            secs(t0),
            s.easeItemsDerived()
                ? String.format(
                    " (ranking.ease-max-items derived: %,d, the most whose EASE fits in half of"
                        + " the %,d MB driver heap, at most %,d)",
                    s.easeMaxItems(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    ItemItem.DERIVED_MAX_ITEMS)
                : "");
        t0 = System.nanoTime();
      }
      if ((name.equals(ITEM_KNN) || name.equals(SPARSE_EASE)) && lists == null) {
        // One pass over the counts serves both: kNN reads each list's first entries.
        int kept =
            Math.max(s.knnNeighbours(), Math.max(s.sparseEaseNeighbours(), s.sparseEaseCounts()));
        lists = SparseEase.lists(interactions.histories(), interactions.popularity(), kept);
        LOG.info(
            "Co-rating lists of {} movies, {} of highest cosine each, in {} s",
            interactions.popularity().length,
            kept,
            secs(t0));
        t0 = System.nanoTime();
      }
      out.add(
          switch (name) {
            case POPULARITY ->
                new ItemScorer.Static(POPULARITY, toFloat(interactions.popularity()));
            case BIAS -> new ItemScorer.Static(BIAS, movieBiases(ratings, catalog, s));
            case ITEM_KNN ->
                ItemItem.knn(ITEM_KNN, lists, s.knnNeighbours(), interactions.popularity());
            case EASE -> ItemItem.ease(EASE, gram, s.easeLambda());
            case SPARSE_EASE ->
                SparseEase.fit(
                    SPARSE_EASE,
                    lists,
                    interactions.popularity(),
                    s.sparseEaseNeighbours(),
                    s.easeLambda());
            default -> vectorScorer(movieVectors, name, catalog);
          });
      LOG.info("Ranking model {} ready in {} s", name, secs(t0));
    }
    return out;
  }

  private static double secs(long t0) {
    return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
  }

  private static float[] toFloat(long[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = v[i];
    }
    return f;
  }

  /** The bias baseline's movie biases; a movie it never saw is never ranked. */
  private static float[] movieBiases(Dataset<Row> ratings, Catalog catalog, Settings s) {
    Baselines.Biases b = Baselines.fitBiases(ratings, s.biasRegularization(), s.biasIterations());
    float[] out = new float[catalog.size()];
    Arrays.fill(out, Float.NEGATIVE_INFINITY);
    for (Row r : b.movies().select(TrainSchemas.MOVIE_ID, Baselines.MOVIE_BIAS).collectAsList()) {
      int i = catalog.index(r.getInt(0));
      if (i >= 0) {
        out[i] = (float) r.getDouble(1);
      }
    }
    return out;
  }

  /** A vector model's item side on the driver; movies it has no vector for are never ranked. */
  private static ItemScorer vectorScorer(Dataset<Row> movieVectors, String model, Catalog catalog) {
    List<Row> rows =
        movieVectors
            .filter(col(TrainSchemas.MODEL).equalTo(model))
            .select(TrainSchemas.MOVIE_ID, TrainSchemas.VECTOR, TrainSchemas.BIAS)
            .collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(
          "no movie_vectors for model "
              + model
              + "; name one of "
              + FITTED
              + " or a model the train job wrote vectors for");
    }
    int dim = rows.get(0).getList(1).size();
    float[] items = new float[catalog.size() * dim];
    float[] bias = new float[catalog.size()];
    Arrays.fill(bias, Float.NaN);
    for (Row r : rows) {
      int i = catalog.index(r.getInt(0));
      if (i < 0) {
        continue;
      }
      List<Float> v = r.getList(1);
      for (int k = 0; k < dim; k++) {
        items[i * dim + k] = v.get(k);
      }
      bias[i] = r.getFloat(2);
    }
    return new ItemScorer.Vectors(model, dim, items, bias);
  }
}
