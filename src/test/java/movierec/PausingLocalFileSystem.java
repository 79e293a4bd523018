package movierec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The local file system, except that one rename first writes the file named by the environment
 * variable {@value #MARKER_ENV} and then waits, so that a test can kill the driver at that point:
 * by default the second rename of a partition swap (staging directory into place, after the old
 * partition was renamed aside); with {@value #AT_ENV} = {@value #MANIFEST} the rename that puts a
 * stage's run manifest in place (after the stage's tables were committed). Installed in a job's JVM
 * with {@code spark.hadoop.fs.file.impl}.
 */
public class PausingLocalFileSystem extends LocalFileSystem {
  public static final String MARKER_ENV = "MOVIEREC_TEST_PAUSE_MARKER";
  public static final String AT_ENV = "MOVIEREC_TEST_PAUSE_AT";
  public static final String MANIFEST = "manifest";

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    String marker = System.getenv(MARKER_ENV);
    boolean atManifest = MANIFEST.equals(System.getenv(AT_ENV));
    boolean pause =
        atManifest
            ? dst.getName().equals("manifest.json")
            : src.getName().startsWith(".staging_") && dst.getName().startsWith("run_date=");
    if (marker != null && pause) {
      // Written aside and moved into place: the test polls for the marker and must never read
      // it half-written.
      java.nio.file.Path done = Paths.get(marker);
      java.nio.file.Path partial = done.resolveSibling(done.getFileName() + ".partial");
      Files.writeString(partial, dst.toUri().getPath());
      Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
      try {
        Thread.sleep(600_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return super.rename(src, dst);
  }
}
