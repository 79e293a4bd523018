package movierec.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way movierec replaces an output (a table partition, a report, a generated dataset, a
 * downloaded release, a single file) whole or not at all: write it in full to a hidden staging
 * sibling ({@link #staging}), then {@link #swap} it in with two renames, the old one aside and the
 * new one into place, atomic each on HDFS and local disks (on S3A a rename is a copy, so the window
 * is longer). The names start with a dot, which Spark's partition discovery and Hadoop's input
 * listing skip.
 *
 * <p>A writer killed between the two renames leaves the target missing and its {@code .replaced_}
 * copy present; {@link #recover}, run before the next write of the same target, puts it back and
 * deletes staging left by killed writers. One target is written by one job at a time (the
 * scheduler's contract), so whatever staging exists when a write starts is abandoned.
 */
public final class DirectorySwap {
  private static final Logger LOG = LoggerFactory.getLogger(DirectorySwap.class);
  static final String STAGING = ".staging_";
  static final String REPLACED = ".replaced_";

  private DirectorySwap() {}

  /** The staging sibling of {@code target} for the writer {@code runId}. */
  public static Path staging(Path target, String runId) {
    return sibling(target, STAGING, runId);
  }

  /**
   * Puts back a target an interrupted swap left aside, and deletes staging of killed writers (or,
   * when the target is present, old copies left aside).
   */
  public static void recover(FileSystem fs, Path target) {
    try {
      Path parent = target.getParent();
      if (!fs.exists(parent)) {
        return;
      }
      String name = target.getName();
      boolean present = fs.exists(target);
      for (FileStatus st : fs.listStatus(parent)) {
        String child = st.getPath().getName();
        if (child.startsWith(STAGING + name + "_")) {
          LOG.warn("Deleting staging left by an earlier run: {}", st.getPath());
          fs.delete(st.getPath(), true);
        } else if (child.startsWith(REPLACED + name + "_")) {
          if (present) {
            fs.delete(st.getPath(), true);
          } else {
            LOG.warn("Restoring {} from an interrupted swap: {}", target, st.getPath());
            rename(fs, st.getPath(), target);
            present = true;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not inspect " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces {@code target} (which may be missing) by {@code staging}. When the second rename fails
   * the old target is renamed back; if that fails too, both failures are in the exception and the
   * next {@link #recover} restores it.
   */
  public static void swap(FileSystem fs, Path staging, Path target, String runId) {
    try {
      Path replaced = null;
      if (fs.exists(target)) {
        replaced = sibling(target, REPLACED, runId);
        rename(fs, target, replaced);
      }
      try {
        rename(fs, staging, target);
      } catch (IOException e) {
        if (replaced != null) {
          try {
            rename(fs, replaced, target);
          } catch (IOException rollback) {
            e.addSuppressed(rollback);
          }
        }
        throw e;
      }
      if (replaced != null) {
        fs.delete(replaced, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not replace " + target + ": " + e.getMessage(), e);
    }
  }

  private static Path sibling(Path target, String prefix, String runId) {
    return new Path(target.getParent(), prefix + target.getName() + "_" + runId);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }
}
