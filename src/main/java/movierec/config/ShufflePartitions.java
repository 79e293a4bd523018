package movierec.config;

import org.apache.spark.SparkConf;

/**
 * spark.sql.shuffle.partitions when nobody set it: four a core of the application, at least 8.
 * Spark's default of 200 is one task per partition of every shuffle whatever the data, which on a
 * 2-core local run is 100 rounds of tiny tasks for a small table; a fixed small number leaves most
 * of a cluster idle. Adaptive execution (on by default) merges partitions below its advisory size,
 * so erring high costs little, while it never splits one that is too large.
 */
public final class ShufflePartitions {
  public static final String KEY = "spark.sql.shuffle.partitions";
  static final int PER_CORE = 4;
  static final int MIN = 8;

  private ShufflePartitions() {}

  /** Partitions for an application with {@code cores} task slots. */
  public static int forCores(int cores) {
    return Math.max(MIN, PER_CORE * cores);
  }

  /** The log's account of {@link #forCores}. */
  public static String why(int cores) {
    return "%d (%d a core x %d cores, at least %d)"
        .formatted(forCores(cores), PER_CORE, cores, MIN);
  }

  /**
   * The application's task slots: what it asked for (executors x cores, or spark.cores.max on a
   * standalone cluster) when it says, since executors may still be registering when the session
   * starts; otherwise Spark's default parallelism (local mode: its threads).
   */
  public static int cores(SparkConf conf, int defaultParallelism) {
    int asked = 0;
    if (conf.contains("spark.executor.instances") && conf.contains("spark.executor.cores")) {
      asked = conf.getInt("spark.executor.instances", 0) * conf.getInt("spark.executor.cores", 0);
    }
    if (conf.contains("spark.cores.max")) {
      asked = Math.max(asked, conf.getInt("spark.cores.max", 0));
    }
    return Math.max(asked, Math.max(1, defaultParallelism));
  }
}
