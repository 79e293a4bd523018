package movierec.recommend;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import movierec.model.InputSpace;
import movierec.similarity.TopK;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * segment_top_movies, for onboarding: the top n for every (gender, age bucket, occupation) the
 * model was trained with, from its user tower with no id ({@link NewUserScorer}); and the top n of
 * every genre for the population's average new user (segment vectors weighted by how many users
 * each segment has). Only movies with at least min-ratings ratings are listed: a new user's first
 * screen should not be built on one person's opinion. Runs on the driver: segments x movies x d
 * (294 x 3,900 x 200 at ML-1M) multiply-adds.
 */
public final class SegmentTopMovies {
  private SegmentTopMovies() {}

  /** What is known of a movie: its vector, bias, genres and rating count. */
  public record Movie(int id, float[] vector, double bias, List<String> genres, long ratings)
      implements Serializable {}

  /** A demographic segment. */
  public record Segment(String gender, int age, int occupation) {}

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
}
