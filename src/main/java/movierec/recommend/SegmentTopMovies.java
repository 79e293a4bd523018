package movierec.recommend;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import movierec.ingest.IngestSchemas;
import movierec.model.InputSpace;
import movierec.model.ModelState;
import movierec.similarity.TopK;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * segment_top_movies, for onboarding: the top n for every (gender, age bucket, occupation) the
 * model was trained with, from its user tower with no id ({@link NewUserScorer}); and the top n of
 * every genre for the population's average new user (segment vectors weighted by how many users
 * each segment has). Only movies with at least min-ratings ratings are listed: a new user's first
 * screen should not be built on one person's opinion. Runs on the driver: segments x movies x d
 * (294 x 3,900 x 200 at ML-1M) multiply-adds.
 */
public final class SegmentTopMovies {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentTopMovies.class);

  private SegmentTopMovies() {}

  /** What is known of a movie: its vector, bias, genres and rating count. */
  public record Movie(int id, float[] vector, double bias, List<String> genres, long ratings)
      implements Serializable {}

  /** A demographic segment. */
  public record Segment(String gender, int age, int occupation) {}

  /**
   * The rows of the vector model ({@code rc.vectorModel()}), from its user tower: none when it has
   * no model file (ALS).
   */
  public static List<Row> of(
      Optional<ModelState> state,
      RecommendConfig rc,
      Dataset<Row> movieVectors,
      Dataset<Row> movies,
      Dataset<Row> ratings,
      Dataset<Row> users) {
    String vm = rc.vectorModel();
    if (state.isEmpty()) {
      LOG.info("No model file for {}: it has no user tower, so no segment lists", vm);
      return List.of();
    }
    List<Row> rows =
        compute(
            new NewUserScorer(state.get()),
            vm,
            catalog(movieVectors, movies, ratings, vm),
            population(users),
            rc.topN(),
            rc.minRatings());
    LOG.info("Segment and genre lists: {} rows", rows.size());
    return rows;
  }

  public static List<Row> compute(
      NewUserScorer scorer,
      String model,
      List<Movie> movies,
      Map<Segment, Long> population,
      int n,
      int minRatings) {
    List<Movie> shown = movies.stream().filter(m -> m.ratings() >= minRatings).toList();
    InputSpace s = scorer.space();
    List<Row> out = new ArrayList<>();
    double[] average = null;
    double weight = 0;
    for (String g : s.genders()) {
      for (int a : s.ages()) {
        for (int o : s.occupations()) {
          double[] u = scorer.vector(g, a, o);
          TopK top = top(scorer, u, shown, null, n);
          int[] order = top.bestFirst();
          for (int i = 0; i < order.length; i++) {
            int r = order[i];
            out.add(
                RowFactory.create(
                    RecommendSchemas.DEMOGRAPHIC,
                    g,
                    a,
                    o,
                    null,
                    i + 1,
                    top.neighbor(r),
                    top.score(r),
                    model));
          }
          long w = population.getOrDefault(new Segment(g, a, o), 0L);
          if (w > 0) {
            average = average == null ? new double[u.length] : average;
            for (int k = 0; k < u.length; k++) {
              average[k] += w * u[k];
            }
            weight += w;
          }
        }
      }
    }
    if (average == null) {
      average = scorer.vector(null, null, null);
    } else {
      for (int k = 0; k < average.length; k++) {
        average[k] /= weight;
      }
    }
    TreeSet<String> genres = new TreeSet<>();
    shown.forEach(m -> genres.addAll(m.genres()));
    for (String genre : genres) {
      TopK top = top(scorer, average, shown, genre, n);
      int[] order = top.bestFirst();
      for (int i = 0; i < order.length; i++) {
        int r = order[i];
        out.add(
            RowFactory.create(
                RecommendSchemas.GENRE,
                null,
                null,
                null,
                genre,
                i + 1,
                top.neighbor(r),
                top.score(r),
                model));
      }
    }
    return out;
  }

  /** The n best movies (of {@code genre} when non-null) for a user vector. */
  public static TopK top(
      NewUserScorer scorer, double[] user, List<Movie> movies, String genre, int n) {
    TopK top = new TopK(n);
    for (Movie m : movies) {
      if (genre == null || m.genres().contains(genre)) {
        top.offer(scorer.score(user, m.vector(), m.bias()), m.id());
      }
    }
    return top;
  }

  /** How many users each segment has (users with every attribute). */
  public static Map<Segment, Long> population(Dataset<Row> users) {
    Map<Segment, Long> out = new HashMap<>();
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
      out.put(new Segment(r.getString(0), r.getInt(1), r.getInt(2)), r.getLong(3));
    }
    return out;
  }

  /** Every movie with a vector of {@code model}, its genres and rating count, on the driver. */
  public static List<Movie> catalog(
      Dataset<Row> movieVectors, Dataset<Row> movies, Dataset<Row> ratings, String model) {
    Dataset<Row> counts = ratings.groupBy(col(IngestSchemas.MOVIE_ID)).count();
    List<Movie> out = new ArrayList<>();
    for (Row r :
        ServedLists.of(movieVectors, model)
            .join(
                movies.select(col(IngestSchemas.MOVIE_ID), col(IngestSchemas.GENRES)),
                IngestSchemas.MOVIE_ID)
            .join(counts, new String[] {IngestSchemas.MOVIE_ID}, "left")
            .select(
                col(IngestSchemas.MOVIE_ID),
                col(TrainSchemas.VECTOR),
                col(TrainSchemas.BIAS),
                col(IngestSchemas.GENRES),
                col("count"))
            .orderBy(IngestSchemas.MOVIE_ID)
            .collectAsList()) {
      List<Float> v = r.getList(1);
      float[] vec = new float[v.size()];
      for (int k = 0; k < vec.length; k++) {
        vec[k] = v.get(k);
      }
      out.add(
          new Movie(
              r.getInt(0), vec, r.getFloat(2), r.getList(3), r.isNullAt(4) ? 0 : r.getLong(4)));
    }
    return out;
  }
}
