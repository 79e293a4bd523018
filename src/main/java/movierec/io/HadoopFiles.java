package movierec.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Single files on any Hadoop file system, replaced whole or not at all. */
public final class HadoopFiles {
  /** Writes the content of a file to a stream. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private HadoopFiles() {}

  /** Whether {@code p} exists; a file system that cannot tell is an error that names the path. */
  public static boolean exists(Path p, Configuration conf) {
    try {
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code file} to a hidden staging sibling swapped in over it ({@link DirectorySwap}), so
   * a reader (or a run killed mid-write) never sees half a file; {@code what} names the file in the
   * error.
   */
  public static void replace(Path file, Configuration conf, String what, Writer writer) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      DirectorySwap.recover(fs, file);
      String runId = UUID.randomUUID().toString();
      Path staging = DirectorySwap.staging(file, runId);
      try {
        try (OutputStream out = fs.create(staging, false)) {
          writer.write(out);
        }
        DirectorySwap.swap(fs, staging, file, runId);
      } finally {
        fs.delete(staging, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + what + " " + file + ": " + e, e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot write " + what + " " + file + ": " + e, e.getCause());
    }
  }
}
