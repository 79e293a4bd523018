package movierec.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * What one stage of work cost: wall time, shuffle bytes written, bytes spilled, the largest
 * execution memory one task held (Spark's own accounting), the peak heap in use (sampled ten times
 * a second, garbage included) and the peak heap still live after a garbage collection, the figure
 * that says how much memory the stage needs. In local mode the executors live in this JVM, so the
 * heap figures are the executors' (and the driver's); on a cluster they are the driver's.
 */
public final class StageMeter extends SparkListener implements AutoCloseable {
  /** The figures of one measured span. */
  public record Figures(
      double seconds,
      long shuffleWriteBytes,
      long spillBytes,
      long maxTaskExecutionMemory,
      long peakHeapBytes,
      long peakLiveBytes,
      long tasks,
      long startHeapBytes) {
    /** How far the live heap grew over the heap in use at the start (after a collection). */
    public long liveGrowthBytes() {
      return Math.max(0, peakLiveBytes - startHeapBytes);
    }
  }

  private final SparkSession spark;
  private final AtomicLong shuffleWrite = new AtomicLong();
  private final AtomicLong spill = new AtomicLong();
  private final AtomicLong taskPeak = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();
  private final AtomicLong heapPeak = new AtomicLong();
  private final AtomicLong livePeak = new AtomicLong();
  private final List<NotificationEmitter> gcBeans = new ArrayList<>();
  private final NotificationListener afterGc = this::afterGc;
  private final Thread sampler;
  private volatile boolean running = true;
  private long startNanos;
  private long startHeap;

  public StageMeter(SparkSession spark) {
    this.spark = spark;
    spark.sparkContext().addSparkListener(this);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    this.sampler =
        new Thread(
            () -> {
              while (running) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "stage-meter-heap");
    sampler.setDaemon(true);
    sampler.start();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(afterGc, null, null);
        gcBeans.add(e);
      }
    }
  }

  private void afterGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
      used += u.getUsed();
    }
    livePeak.accumulateAndGet(used, Math::max);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    TaskMetrics m = end.taskMetrics();
    if (m == null) {
      return;
    }
    shuffleWrite.addAndGet(m.shuffleWriteMetrics().bytesWritten());
    spill.addAndGet(m.diskBytesSpilled());
    taskPeak.accumulateAndGet(m.peakExecutionMemory(), Math::max);
    tasks.incrementAndGet();
  }

  /** Starts a span: zeroes the counters after a collection so the heap peak is this span's. */
  public void start() {
    drain();
    System.gc();
    shuffleWrite.set(0);
    spill.set(0);
    taskPeak.set(0);
    tasks.set(0);
    long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    heapPeak.set(now);
    livePeak.set(now);
    startHeap = now;
    startNanos = System.nanoTime();
  }

  /** Ends the span once every task event of it has reached this listener. */
  public Figures stop() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    drain();
    return new Figures(
        seconds,
        shuffleWrite.get(),
        spill.get(),
        taskPeak.get(),
        heapPeak.get(),
        livePeak.get(),
        tasks.get(),
        startHeap);
  }

  private void drain() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener events did not drain in 60 s", e);
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    for (NotificationEmitter e : gcBeans) {
      try {
        e.removeNotificationListener(afterGc);
      } catch (ListenerNotFoundException ignored) {
        // already gone
      }
    }
    spark.sparkContext().removeSparkListener(this);
  }
}
