package movierec.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for a mistyped name: the closest known one, when it is close enough. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The name in {@code known} fewest single-character edits away from {@code typed}, when that is
   * at most a third of its length (and at least 1): a typo, not a different name.
   */
  public static Optional<String> closest(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(typed, k);
      if (d < bestDistance || (d == bestDistance && k.compareTo(best) < 0)) {
        best = k;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, typed.length() / 3);
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance, with one row of the table at a time. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
