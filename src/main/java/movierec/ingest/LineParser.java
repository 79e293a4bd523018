package movierec.ingest;

import java.io.Serializable;

/**
 * Turns one decoded, trimmed, non-empty line of a MovieLens file into the values of one record, in
 * the order of its table's schema ({@link IngestSchemas}).
 */
@FunctionalInterface
public interface LineParser extends Serializable {
  Object[] parse(String line) throws BadLine;

  /** Whether {@code line} is the file's header, which is counted and skipped. */
  default boolean isHeader(String line, long lineNumber) {
    return false;
  }
}
