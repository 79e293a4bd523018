package movierec.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import movierec.SparkTestSupport;
import org.junit.jupiter.api.Test;

/** The generator's categorical shares are ML-1M's, recounted from the real files. */
class Ml1mShapeTest {
  private static final Path ML_1M = SparkTestSupport.dataDir().resolve("ml-1m");

  @Test
  void demographicsAreMl1msCounts() throws IOException {
    List<String[]> users =
        Files.readAllLines(ML_1M.resolve("users.dat"), StandardCharsets.UTF_8).stream()
            .map(l -> l.split("::"))
            .toList();
    double[] ages = new double[Ml1mShape.AGE_CODES.length];
    double[] occupations = new double[Ml1mShape.OCCUPATION_COUNTS.length];
    long female = 0;
    for (String[] u : users) {
      female += u[1].equals("F") ? 1 : 0;
      int age = Integer.parseInt(u[2]);
      for (int i = 0; i < ages.length; i++) {
        ages[i] += Ml1mShape.AGE_CODES[i] == age ? 1 : 0;
      }
      occupations[Integer.parseInt(u[3])]++;
    }
    assertEquals(Ml1mShape.FEMALE_SHARE, (double) female / users.size(), 1e-12);
    assertArrayEquals(Ml1mShape.AGE_COUNTS, ages);
    assertArrayEquals(Ml1mShape.OCCUPATION_COUNTS, occupations);
  }

  @Test
  void genresAreMl1msCounts() throws IOException {
    double[] genres = new double[Ml1mShape.GENRES.size()];
    double[] perMovie = new double[Ml1mShape.GENRES_PER_MOVIE_COUNTS.length];
    for (String line :
        Files.readAllLines(ML_1M.resolve("movies.dat"), StandardCharsets.ISO_8859_1)) {
      String[] g = line.split("::")[2].split("\\|");
      perMovie[g.length - 1]++;
      for (String s : g) {
        genres[Ml1mShape.GENRES.indexOf(s)]++;
      }
    }
    assertArrayEquals(Ml1mShape.GENRE_COUNTS, genres);
    assertArrayEquals(Ml1mShape.GENRES_PER_MOVIE_COUNTS, perMovie);
  }

  @Test
  void starSharesAreMl1msToFourPlaces() throws IOException {
    double[] stars = new double[5];
    long n = 0;
    try (var lines = Files.lines(SparkTestSupport.dataDir().resolve("ml-1m-full/ratings.dat"))) {
      for (String line : (Iterable<String>) lines::iterator) {
        stars[line.split("::")[2].charAt(0) - '1']++;
        n++;
      }
    }
    for (int s = 0; s < 5; s++) {
      assertEquals(Ml1mShape.STAR_SHARES[s], stars[s] / n, 5e-5, (s + 1) + " stars");
    }
  }
}
