package movierec.ingest;

/** Why an input line went to the {@code rejects} table; {@link #code()} is what the table holds. */
public enum RejectReason {
  EMPTY_LINE,
  UNDECODABLE_BYTES,
  WRONG_FIELD_COUNT,
  MALFORMED_CSV,
  BAD_ID,
  BAD_RATING,
  BAD_TIMESTAMP,
  BAD_GENDER,
  BAD_AGE,
  BAD_OCCUPATION,
  BAD_TITLE,
  BAD_GENRE_FLAGS,
  DUPLICATE_USER,
  DUPLICATE_MOVIE,
  DUPLICATE_RATING,
  UNKNOWN_USER,
  UNKNOWN_MOVIE;

  /** The lower-case code stored in {@code rejects.reason}, e.g. {@code bad_rating}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
