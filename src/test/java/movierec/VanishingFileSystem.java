package movierec;

import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the {@value #SCHEME} scheme, except that the first file opened after
 * {@link #vanishOnOpen} deletes the given directory first: an input directory that disappears after
 * a job has listed it and before it has read it. Installed with {@code fs.vanish.impl}.
 */
public class VanishingFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "vanish";
  private static volatile java.nio.file.Path victim;

  /** The next {@code open} deletes {@code dir} (recursively) before it opens anything. */
  public static void vanishOnOpen(java.nio.file.Path dir) {
    victim = dir;
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    java.nio.file.Path dir = victim;
    if (dir != null) {
      victim = null;
      try (Stream<java.nio.file.Path> all = java.nio.file.Files.walk(dir)) {
        for (java.nio.file.Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
    }
    return super.open(f, bufferSize);
  }
}
