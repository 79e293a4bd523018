package movierec.similarity;

import java.util.Locale;

/** What a neighbour score measures; {@link #code()} is the value of the {@code kind} column. */
public enum Kind {
  /** Similarity of attributes (one-hot features), 1 - distance. */
  CONTENT,
  /** Cosine of the two full rating vectors (norms over all ratings of each). */
  COSINE,
  /** Pearson correlation over the co-ratings. */
  PEARSON,
  /** Cosine of ratings centred on the mean of the other side (user mean for movie pairs). */
  ADJUSTED_COSINE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Kind of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
