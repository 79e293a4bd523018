package movierec.cli;

/** The command line is wrong: Main prints the message and the usage, then exits 2. */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
