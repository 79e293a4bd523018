package movierec.ingest;

/**
 * Thrown by a line parser for a line that cannot become a record. It carries no stack trace: a bad
 * line is data, not a bug, and a dirty file may have millions of them.
 */
public final class BadLine extends Exception {
  private static final long serialVersionUID = 1L;
  private final RejectReason reason;

  public BadLine(RejectReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
