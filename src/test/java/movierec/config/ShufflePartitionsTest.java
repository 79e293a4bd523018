package movierec.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ShufflePartitionsTest {
  @Test
  void fourACoreAndNeverFewerThanEight() {
    assertEquals(8, ShufflePartitions.forCores(1));
    assertEquals(8, ShufflePartitions.forCores(2));
    assertEquals(64, ShufflePartitions.forCores(16));
    assertEquals("64 (4 a core x 16 cores, at least 8)", ShufflePartitions.why(16));
  }

  @Test
  void coresComeFromWhatTheApplicationAskedForBeforeExecutorsRegister() {
    SparkConf conf = new SparkConf(false);
    assertEquals(2, ShufflePartitions.cores(conf, 2), "local[2]: its threads");
    conf.set("spark.executor.instances", "4").set("spark.executor.cores", "4");
    assertEquals(16, ShufflePartitions.cores(conf, 2), "YARN/Kubernetes: executors x cores");
    SparkConf standalone = new SparkConf(false).set("spark.cores.max", "6");
    assertEquals(6, ShufflePartitions.cores(standalone, 2));
    assertEquals(12, ShufflePartitions.cores(standalone, 12), "registered executors count too");
  }
}
