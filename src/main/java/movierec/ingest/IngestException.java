package movierec.ingest;

/** Ingest cannot go on: the input is missing, of no known layout, or too dirty. */
public class IngestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IngestException(String message) {
    super(message);
  }
}
