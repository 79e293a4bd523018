package movierec.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One generated movie: a title of vocabulary words and a year, ML-1M's genre mix, a popularity
 * weight, and the bias and factor behind its ratings.
 */
record SyntheticMovie(
    int id, String title, int year, int[] genres, double popularity, double bias, double[] factor)
    implements java.io.Serializable {

  private static final double[] GENRE_CUMULATIVE = Draws.cumulative(Ml1mShape.GENRE_COUNTS);
  private static final double[] GENRES_PER_MOVIE_CUMULATIVE =
      Draws.cumulative(Ml1mShape.GENRES_PER_MOVIE_COUNTS);

  static SyntheticMovie of(long seed, int id, TasteModel taste) {
    SplittableRandom r = Draws.rng(seed, Draws.MOVIES, id);
    int[] genres = genres(r);
    String title = TitleWords.title(r, genres);
    int age = (int) Math.floor(Draws.lognormal(r, Ml1mShape.YEAR_AGE_MU, Ml1mShape.YEAR_AGE_SIGMA));
    int year = Math.max(Ml1mShape.EARLIEST_YEAR, Ml1mShape.LATEST_YEAR - Math.max(0, age - 1));
    double z = r.nextGaussian();
    double popularity = Math.exp(Ml1mShape.POPULARITY_MU + Ml1mShape.POPULARITY_SIGMA * z);
    double bias = TasteModel.POPULARITY_BIAS * z + TasteModel.MOVIE_BIAS_SD * r.nextGaussian();
    double[] factor = taste.movieFactor(genres, r);
    return new SyntheticMovie(id, title, year, genres, popularity, bias, factor);
  }

  /** Distinct genre indexes: how many from ML-1M's mix, which ones by ML-1M's frequencies. */
  private static int[] genres(SplittableRandom r) {
    int n = 1 + Draws.categorical(r, GENRES_PER_MOVIE_CUMULATIVE);
    List<Integer> picked = new ArrayList<>(n);
    while (picked.size() < n) {
      int g = Draws.categorical(r, GENRE_CUMULATIVE);
      if (!picked.contains(g)) {
        picked.add(g);
      }
    }
    return picked.stream().sorted().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The movies.csv line: {@code movieId,title,genres}. One title in {@link #ARTICLE_EVERY} takes
   * MovieLens's trailing article ("Word Word, The (1994)"), so some titles hold a comma and are
   * quoted, as in the real files.
   */
  String csvLine(long seed) {
    String t = title;
    if (Math.floorMod(Draws.mix(seed ^ (id * 0x9E3779B97F4A7C15L)), ARTICLE_EVERY) == 0) {
      t = t + ", The";
    }
    t = t + " (" + year + ")";
    if (t.indexOf(',') >= 0 || t.indexOf('"') >= 0) {
      t = '"' + t.replace("\"", "\"\"") + '"';
    }
    StringBuilder b = new StringBuilder().append(id).append(',').append(t).append(',');
    for (int i = 0; i < genres.length; i++) {
      b.append(i == 0 ? "" : "|").append(Ml1mShape.GENRES.get(genres[i]));
    }
    return b.toString();
  }

  static final int ARTICLE_EVERY = 8;

  /** The movies.dat line: {@code MovieID::Title (Year)::Genre|Genre}. */
  String line() {
    StringBuilder b = new StringBuilder().append(id).append("::").append(title);
    b.append(" (").append(year).append(")::");
    for (int i = 0; i < genres.length; i++) {
      b.append(i == 0 ? "" : "|").append(Ml1mShape.GENRES.get(genres[i]));
    }
    return b.toString();
  }
}
