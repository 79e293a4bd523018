package movierec.jobs;

import java.util.List;
import movierec.io.Table;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * One runnable job. Jobs are built from the validated config, the run date and their own
 * command-line options before Spark starts, so a bad option fails fast; {@link #run} throws on any
 * failure and {@code Main} turns that into a non-zero exit.
 */
public interface Job {
  /** Checks what can be checked without Spark (inputs exist, outputs writable). */
  default void preflight(Configuration hadoopConf) {}

  /**
   * The tables of earlier stages this job reads at its run date: Main checks that each has that
   * partition before Spark starts, and names the stage to run when one does not.
   */
  default List<Table> inputs() {
    return List.of();
  }

  /**
   * The stages whose partitions of the run date this job writes: Main locks each before Spark
   * starts, so a second writer of the same partitions refuses instead of racing the first.
   */
  default List<String> writes() {
    return List.of();
  }

  /**
   * Whether the job reads the tables by name at once (sql): with an embedded metastore that another
   * job has open, its session then gets a catalog of its own instead of waiting.
   */
  default boolean queriesCatalog() {
    return false;
  }

  /** Whether {@link #run} needs a SparkSession; commands such as fetch-data do not. */
  default boolean needsSpark() {
    return true;
  }

  /** Runs the job; {@code spark} is null when {@link #needsSpark} is false. */
  void run(SparkSession spark);
}
