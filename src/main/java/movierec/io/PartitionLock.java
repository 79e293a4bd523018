package movierec.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per stage and run date: a lock file {@code _locks/<stage>/run_date=<date>} in the
 * warehouse, created with create-if-absent (atomic on HDFS and local disks; not on S3A, whose
 * create only checks first), holding who holds it. Another job that is about to write the same
 * partitions refuses; readers and other run dates never look at it.
 *
 * <p>A lock whose owner died is taken over with a warning. On the owner's host that is known for
 * certain (the process id is gone, or belongs to a process started at another instant); from
 * another host, by the lock's heartbeat: the owner touches the file every {@link #HEARTBEAT}, and
 * one untouched for {@link #STALE} is taken to be a dead owner's.
 */
public final class PartitionLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionLock.class);

  /** The warehouse folder of the locks. */
  public static final String DIR = "_locks";

  static final Duration HEARTBEAT = Duration.ofSeconds(30);
  static final Duration STALE = Duration.ofMinutes(5);

  /** Who holds a lock: the job, its run date, host, process id and the process's start. */
  public record Owner(
      String job, LocalDate runDate, String host, long pid, Instant processStart, Instant since) {
    /** This process, running {@code job} for {@code runDate}. */
    public static Owner current(String job, LocalDate runDate) {
      ProcessHandle self = ProcessHandle.current();
      return new Owner(
          job,
          runDate,
          hostName(),
          self.pid(),
          self.info().startInstant().orElse(Instant.EPOCH),
          Instant.now());
    }

    /** Whether this owner's process is still running: certain on its own host, else unknown. */
    Optional<Boolean> alive() {
      if (!host.equals(hostName())) {
        return Optional.empty();
      }
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      return Optional.of(
          p.isPresent()
              && p.get().isAlive()
              && p.get().info().startInstant().map(processStart::equals).orElse(true));
    }

    String describe() {
      return "%s (run date %s) on host %s, process %d, since %s"
          .formatted(job, runDate, host, pid, since);
    }

    String text() {
      return "job=%s%nrun_date=%s%nhost=%s%npid=%d%nprocess_start=%s%nsince=%s%n"
          .formatted(job, runDate, host, pid, processStart, since);
    }

    static Owner parse(String text) {
      Properties p = new Properties();
      try {
        p.load(new StringReader(text));
        return new Owner(
            p.getProperty("job"),
            LocalDate.parse(p.getProperty("run_date")),
            p.getProperty("host"),
            Long.parseLong(p.getProperty("pid")),
            Instant.parse(p.getProperty("process_start")),
            Instant.parse(p.getProperty("since")));
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }

  /** Another live job holds the lock: the caller exits 2 with {@link #getMessage}. */
  public static final class HeldException extends RuntimeException {
    public HeldException(String message) {
      super(message);
    }
  }

  private final FileSystem fs;
  private final Path path;
  private final Owner owner;
  private final Thread heartbeat;

  private PartitionLock(FileSystem fs, Path path, Owner owner) {
    this.fs = fs;
    this.path = path;
    this.owner = owner;
    this.heartbeat = new Thread(this::beat, "partition-lock-heartbeat " + path.getName());
    heartbeat.setDaemon(true);
    heartbeat.start();
  }

  public static Path path(String warehouse, String stage, LocalDate runDate) {
    return new Path(new Path(new Path(warehouse, DIR), stage), Tables.partitionDirName(runDate));
  }

  /**
   * Takes {@code stage}'s lock for {@code runDate} for {@code owner}, taking over one whose owner
   * died; throws {@link HeldException} naming the live owner otherwise.
   */
  public static PartitionLock acquire(
      Configuration conf, String warehouse, String stage, LocalDate runDate, Owner owner) {
    Path path = path(warehouse, stage, runDate);
    try {
      FileSystem fs = path.getFileSystem(conf);
      for (int attempt = 0; attempt < 2; attempt++) {
        if (create(fs, path, owner)) {
          return new PartitionLock(fs, path, owner);
        }
        Owner other = read(fs, path);
        if (other == null) {
          // Being written this instant, or a torn file: judge it by its age alone.
          if (!stale(fs, path)) {
            throw new HeldException(
                "the %s stage of run date %s is locked by another job (%s is being written);"
                        .formatted(stage, runDate, path)
                    + " try again in a moment");
          }
        } else if (other.alive().orElseGet(() -> !stale(fs, path))) {
          throw new HeldException(
              "the %s stage of run date %s is being written by %s; wait for it to finish or stop it"
                  .formatted(stage, runDate, other.describe()));
        }
        LOG.warn(
            "Taking over the lock of the {} stage for run date {} from {}, which is no longer"
                + " running ({})",
            stage,
            runDate,
            other == null ? "an unreadable lock" : other.describe(),
            path);
        fs.delete(path, false);
      }
      throw new HeldException(
          "the %s stage of run date %s was locked again while its dead owner's lock was taken over;"
                  .formatted(stage, runDate)
              + " another job is starting it: see "
              + path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + path + ": " + e.getMessage(), e);
    }
  }

  private static boolean create(FileSystem fs, Path path, Owner owner) throws IOException {
    fs.mkdirs(path.getParent());
    try (OutputStream out = fs.create(path, false)) {
      out.write(owner.text().getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // Local and some other file systems report an existing file with a plain IOException.
      if (fs.exists(path)) {
        return false;
      }
      throw e;
    }
  }

  private static Owner read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return Owner.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  private static boolean stale(FileSystem fs, Path path) {
    try {
      long touched = fs.getFileStatus(path).getModificationTime();
      return Instant.ofEpochMilli(touched).plus(STALE).isBefore(Instant.now());
    } catch (IOException e) {
      return true;
    }
  }

  private void beat() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(HEARTBEAT.toMillis());
        fs.setTimes(path, System.currentTimeMillis(), -1);
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.debug("Heartbeat of {} failed", path, e);
      }
    }
  }

  /** Releases the lock if this job still holds it. */
  @Override
  public void close() {
    heartbeat.interrupt();
    try {
      Owner now = read(fs, path);
      if (now != null && now.equals(owner)) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      LOG.warn("Could not release {}: {}", path, e.getMessage());
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
