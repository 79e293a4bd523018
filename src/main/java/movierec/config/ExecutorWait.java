package movierec.config;

import org.apache.spark.SparkContext;

/**
 * Sizes derived from the application's cores (shuffle partitions, similarity and recommend blocks)
 * must see the cluster's executors, yet a standalone master starts them after the session is up and
 * Spark does not wait for them there (its minRegisteredResourcesRatio counts against
 * spark.cores.max, which is usually unset): the first sizes would come from Spark's floor of 2
 * cores. YARN and Kubernetes wait on their own (ratio 0.8, up to 30 s), local mode has nothing to
 * wait for.
 */
public final class ExecutorWait {
  /** At most this long for the first executor. */
  static final long FIRST_MS = 30_000;

  /** Then until the count has not grown for this long: the others register within it. */
  static final long SETTLE_MS = 1_500;

  private static final long POLL_MS = 100;

  private ExecutorWait() {}

  /**
   * On a standalone master, waits for the executors to register (bounded, see above) and says what
   * it found for the log; elsewhere returns null at once.
   */
  public static String await(SparkContext sc) {
    if (!sc.master().startsWith("spark://")) {
      return null;
    }
    long start = System.nanoTime();
    long deadline = start + FIRST_MS * 1_000_000;
    int seen = executors(sc);
    while (seen == 0 && System.nanoTime() < deadline && pause()) {
      seen = executors(sc);
    }
    if (seen == 0) {
      return "no executor registered in %d s: sizes come from Spark's default parallelism (%d)"
          .formatted(FIRST_MS / 1000, sc.defaultParallelism());
    }
    long stableSince = System.nanoTime();
    while (System.nanoTime() - stableSince < SETTLE_MS * 1_000_000 && pause()) {
      int now = executors(sc);
      if (now != seen) {
        seen = now;
        stableSince = System.nanoTime();
      }
    }
    return "%d executors registered after %.1f s, %d cores in all"
        .formatted(seen, (System.nanoTime() - start) / 1e9, sc.defaultParallelism());
  }

  /** False when interrupted (the flag kept for the caller): the wait ends with what it has. */
  private static boolean pause() {
    try {
      Thread.sleep(POLL_MS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Registered executors, the driver not counted. */
  private static int executors(SparkContext sc) {
    return Math.max(0, sc.getExecutorMemoryStatus().size() - 1);
  }
}
