package movierec.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who has the embedded metastore open. Derby lets one process boot a database, and a second one
 * that tries fails after retries that log thousands of lines of stack traces. So a job takes this
 * lock (an OS file lock on {@code <metastore-dir>/movierec.lock}, released when its process ends,
 * however it ends) before its first use of the metastore and keeps it for the rest of its life, as
 * Derby keeps the database booted. A job that cannot take it waits with one line, and after {@code
 * catalog.metastore-wait} leaves its tables unregistered, noted in {@code pending-registration} for
 * the next job that holds the lock.
 */
public final class MetastoreLock {
  private static final Logger LOG = LoggerFactory.getLogger(MetastoreLock.class);

  static final String FILE = "movierec.lock";
  static final String PENDING = "pending-registration";
  private static final Duration POLL = Duration.ofSeconds(2);

  /** The locks this process holds, by metastore directory (tests open several in one JVM). */
  private static final java.util.Map<Path, FileLock> HELD = new java.util.HashMap<>();

  private MetastoreLock() {}

  /** Takes the lock of {@code metastoreDir} if free; true when this process holds it. */
  public static synchronized boolean tryHold(String metastoreDir) {
    Path dir = Path.of(metastoreDir).toAbsolutePath().normalize();
    if (HELD.containsKey(dir)) {
      return true;
    }
    try {
      Files.createDirectories(dir);
      FileChannel ch =
          FileChannel.open(
              dir.resolve(FILE),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        return false;
      }
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(pid), 0);
      HELD.put(dir, lock);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot lock the embedded metastore in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits up to {@code wait} for the lock, logging one line if it has to wait at all; true when
   * this process holds it.
   */
  public static boolean hold(String metastoreDir, Duration wait) {
    if (tryHold(metastoreDir)) {
      return true;
    }
    LOG.info(
        "Waiting up to {} s for the embedded metastore in {}: process {} has it open"
            + " (catalog.metastore = hive lets jobs share one)",
        wait.toSeconds(),
        metastoreDir,
        holder(metastoreDir));
    long end = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < end) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (tryHold(metastoreDir)) {
        return true;
      }
    }
    return false;
  }

  /** The process id written by the lock's holder, or "unknown". */
  public static String holder(String metastoreDir) {
    try {
      String s = Files.readString(Path.of(metastoreDir, FILE), StandardCharsets.UTF_8).trim();
      return s.isEmpty() ? "unknown" : s;
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Tables an earlier job committed but could not register, by name. */
  public static Set<String> pending(String metastoreDir) {
    Path p = Path.of(metastoreDir, PENDING);
    try {
      return Files.exists(p)
          ? new LinkedHashSet<>(Files.readAllLines(p, StandardCharsets.UTF_8))
          : new LinkedHashSet<>();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /** Adds {@code tables} to those waiting for registration. */
  public static synchronized void addPending(String metastoreDir, List<String> tables) {
    Set<String> all = pending(metastoreDir);
    all.addAll(tables);
    Path p = Path.of(metastoreDir, PENDING);
    try {
      Files.createDirectories(p.getParent());
      Path tmp = Files.createTempFile(p.getParent(), PENDING, ".tmp");
      Files.write(tmp, all, StandardCharsets.UTF_8);
      Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
    }
  }

  /** Forgets the pending tables (they were registered); only while holding the lock. */
  public static void clearPending(String metastoreDir) {
    try {
      Files.deleteIfExists(Path.of(metastoreDir, PENDING));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the pending registrations: " + e, e);
    }
  }
}
