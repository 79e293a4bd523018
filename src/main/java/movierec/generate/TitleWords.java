package movierec.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Titles of one to four words from {@code /movierec/title-words.txt}. Each word belongs to one
 * genre (its line number modulo the genre count) and half of a title's words come from its genres'
 * words, so a text model over titles has a genre signal to find, as in real titles ("Nightmare",
 * "Love", "Space").
 */
final class TitleWords {
  static final String RESOURCE = "/movierec/title-words.txt";
  static final List<String> WORDS = load();
  private static final double[] LENGTH_CUMULATIVE = {0.30, 0.65, 0.90, 1.0};

  private TitleWords() {}

  static String title(SplittableRandom r, int[] genres) {
    int length = 1 + Draws.categorical(r, LENGTH_CUMULATIVE);
    int genreCount = Ml1mShape.GENRES.size();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int w;
      if (r.nextBoolean()) {
        int g = genres[r.nextInt(genres.length)];
        int perGenre = (WORDS.size() - 1 - g) / genreCount + 1;
        w = g + genreCount * r.nextInt(perGenre);
      } else {
        w = r.nextInt(WORDS.size());
      }
      b.append(i == 0 ? "" : " ").append(WORDS.get(w));
    }
    return b.toString();
  }

  private static List<String> load() {
    try (InputStream in = TitleWords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar; rebuild it");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> words = reader.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
      if (words.size() < Ml1mShape.GENRES.size()) {
        throw new IllegalStateException(RESOURCE + " needs a word per genre at least");
      }
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
