package movierec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One cluster of scripts/local-cluster.sh for a test: its directory, its ports (first master port,
 * then the UI ports from {@code uiPort}) and any more of the script's environment (worker sizes,
 * JVM options), run as a user runs the script.
 */
record LocalCluster(Path tmp, Path dir, int masterPort, Map<String, String> env) {
  static LocalCluster at(Path tmp, int masterPort, int uiPort, Map<String, String> more) {
    Path dir = tmp.resolve("cluster");
    Map<String, String> env = new HashMap<>(more);
    env.put("CLUSTER_DIR", dir.toString());
    env.put("MASTER_PORT", Integer.toString(masterPort));
    env.put("MASTER_UI_PORT", Integer.toString(uiPort));
    env.put("WORKER_UI_PORT", Integer.toString(uiPort + 1));
    return new LocalCluster(tmp, dir, masterPort, Map.copyOf(env));
  }

  /** local-cluster.sh start, stop or status. */
  Scripts.Result run(String command, int timeoutMinutes) throws Exception {
    return Scripts.run(tmp, tmp, env, timeoutMinutes, "scripts/local-cluster.sh", command);
  }

  /** The master's URL, for submit.sh --master. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The Spark home the script assembled: submit.sh's SPARK_HOME for this cluster. */
  String sparkHome() {
    return dir.resolve("spark-home").toString();
  }
}
