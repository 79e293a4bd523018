package movierec.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import movierec.ranking.ItemItem;
import movierec.ranking.ItemScorer;
import movierec.train.RankingMetrics;

/**
 * Generated ratings scored as the evaluate stage scores a split, without Spark: a seeded random
 * tenth of each user's ratings held out, the held-out ratings of 4 stars or more relevant, every
 * movie the user did not train on ranked; NDCG@10 of popularity and of EASE.
 */
final class TopNSignal {
  record Result(double popularity, double ease, int users) {
    double ratio() {
      return ease / popularity;
    }
  }

  private TopNSignal() {}

  static Result measure(int users, int movies, long ratings, long seed, double lambda) {
    TasteModel taste = new TasteModel(seed);
    int[] counts = Activity.counts(seed, users, movies, ratings);
    List<SyntheticMovie> ms = new ArrayList<>(movies);
    for (int id = 1; id <= movies; id++) {
      ms.add(SyntheticMovie.of(seed, id, taste));
    }
    RatingPlan plan = new RatingPlan(seed, taste, counts, ms);
    List<List<String>> byUser = new ArrayList<>(users);
    for (int u = 1; u <= users; u++) {
      byUser.add(plan.ratingLines(u));
    }
    return measure(byUser, movies, seed, lambda);
  }

  /** Each user's ratings.dat lines (users 1..n in order; movie ids 1..movies). */
  static Result measure(List<List<String>> byUser, int movies, long seed, double lambda) {
    int users = byUser.size();
    long[] popularity = new long[movies];
    List<int[]> train = new ArrayList<>(users);
    List<int[]> relevant = new ArrayList<>(users);
    for (int u = 1; u <= users; u++) {
      List<String> lines = byUser.get(u - 1);
      int[] t = new int[lines.size()];
      int[] rel = new int[lines.size()];
      int nt = 0;
      int nr = 0;
      for (String line : lines) {
        String[] f = line.split("::");
        int movie = Integer.parseInt(f[1]) - 1;
        int stars = Integer.parseInt(f[2]);
        if (Math.floorMod(Draws.mix(seed * 31 + u * 1_000_003L + movie), 10) == 0) {
          if (stars >= 4) {
            rel[nr++] = movie;
          }
        } else {
          t[nt++] = movie;
          popularity[movie]++;
        }
      }
      train.add(Arrays.copyOf(t, nt));
      int[] r = Arrays.copyOf(rel, nr);
      Arrays.sort(r);
      relevant.add(r);
    }
    float[] pop = new float[movies];
    for (int i = 0; i < movies; i++) {
      pop[i] = popularity[i];
    }
    ItemScorer popular = new ItemScorer.Static("popularity", pop);
    ItemScorer ease = ItemItem.ease("ease", ItemItem.gram(train, popularity, movies), lambda);
    double sumPop = 0;
    double sumEase = 0;
    int n = 0;
    float[] scores = new float[movies];
    for (int u = 0; u < users; u++) {
      if (relevant.get(u).length == 0) {
        continue;
      }
      n++;
      popular.score(train.get(u), null, scores);
      sumPop += RankingMetrics.ndcg(top(scores, train.get(u), 10), relevant.get(u), 10);
      ease.score(train.get(u), null, scores);
      sumEase += RankingMetrics.ndcg(top(scores, train.get(u), 10), relevant.get(u), 10);
    }
    return new Result(sumPop / n, sumEase / n, n);
  }

  /** The k best-scored movies outside the user's training movies, ties to the lower index. */
  private static int[] top(float[] scores, int[] seen, int k) {
    float[] s = scores.clone();
    for (int i : seen) {
      s[i] = Float.NEGATIVE_INFINITY;
    }
    int[] out = new int[k];
    for (int j = 0; j < k; j++) {
      int best = 0;
      for (int i = 1; i < s.length; i++) {
        if (s[i] > s[best]) {
          best = i;
        }
      }
      out[j] = best;
      s[best] = Float.NEGATIVE_INFINITY;
    }
    return out;
  }
}
