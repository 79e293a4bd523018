package movierec.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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

  /**
   * Writes {@code file} through a hidden temporary sibling renamed over it, so a reader (or a run
   * killed mid-write) never sees half a file; {@code what} names the file in the error.
   */
  public static void replace(Path file, Configuration conf, String what, Writer writer) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
      try (OutputStream out = fs.create(tmp, true)) {
        writer.write(out);
      }
      fs.delete(file, false);
      if (!fs.rename(tmp, file)) {
        throw new IOException("rename " + tmp + " -> " + file + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + what + " " + file + ": " + e, e);
    }
  }
}
