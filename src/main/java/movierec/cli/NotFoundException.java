package movierec.cli;

/**
 * A query names something the data does not hold (an unknown user or movie id): Main prints the
 * message, without a stack trace, and exits 1.
 */
public class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
