package movierec.features;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Title tokens: MovieLens writes "Matrix, The" and "Misérables, Les"; we read them as "The Matrix"
 * and "Les Misérables" (also inside an alternate title in parentheses), then lower-case and split
 * on anything that is not a letter or digit. The year is already gone from the title.
 */
public final class TitleTokens {
  /** Articles MovieLens moves to the end of a title, in the languages its titles use. */
  private static final Set<String> ARTICLES =
      Set.of(
          "the", "a", "an", "les", "la", "le", "l'", "il", "lo", "gli", "i", "das", "der", "die",
          "den", "det", "de", "el", "los", "las", "un", "une", "una", "en", "et");

  private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.*), (\\S+)$");
  private static final Pattern PART = Pattern.compile("([^()]+)|\\(([^()]*)\\)");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private TitleTokens() {}

  /** "City of Lost Children, The (Cité des enfants perdus, La)" with articles put in front. */
  public static String natural(String title) {
    StringBuilder out = new StringBuilder();
    Matcher m = PART.matcher(title);
    while (m.find()) {
      if (m.group(1) != null) {
        String part = m.group(1).strip();
        if (!part.isEmpty()) {
          append(out, frontArticle(part));
        }
      } else {
        append(out, "(" + frontArticle(m.group(2).strip()) + ")");
      }
    }
    return out.toString();
  }

  private static void append(StringBuilder out, String s) {
    if (out.length() > 0) {
      out.append(' ');
    }
    out.append(s);
  }

  private static String frontArticle(String part) {
    Matcher m = TRAILING_ARTICLE.matcher(part);
    if (m.matches() && ARTICLES.contains(m.group(2).toLowerCase(Locale.ROOT))) {
      String article = m.group(2);
      String sep = article.endsWith("'") ? "" : " ";
      return article + sep + m.group(1);
    }
    return part;
  }

  /** Lower-cased word tokens of the natural title, in order, duplicates kept out. */
  public static List<String> tokens(String title) {
    String normalized = Normalizer.normalize(natural(title), Normalizer.Form.NFC);
    List<String> out = new ArrayList<>();
    for (String t : NON_WORD.split(normalized.toLowerCase(Locale.ROOT))) {
      if (!t.isEmpty() && !out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }
}
