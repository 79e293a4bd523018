package movierec;

import java.io.File;
import java.nio.file.Path;
import movierec.io.DeltaTables;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM (local[2], few shuffle partitions, no UI), and where the
 * shared MovieLens files are. Test classes share the session rather than paying for a new one each.
 */
public final class SparkTestSupport {
  private SparkTestSupport() {}

  public static synchronized SparkSession spark() {
    SparkSession s =
        DeltaTables.configure(SparkSession.builder())
            .master("local[2]")
            .appName("movierec-tests")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.ui.enabled", "false")
            // Tests run thousands of small queries: re-planning after each shuffle (AQE) and
            // compiling whole-stage code cost more than they save (unit tests: 16% less CPU,
            // measured). The jobs' results must not depend on either, and ClusterIT compares this
            // JVM's run with a cluster's that has both on.
            .config("spark.sql.adaptive.enabled", "false")
            .config("spark.sql.codegen.wholeStage", "false")
            // Databases the jobs register their tables in (an in-memory catalog in tests).
            .config(
                "spark.sql.warehouse.dir",
                projectDir().resolve("target/spark-warehouse").toString())
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    return s;
  }

  /** ../shared/data (or -Dmovierec.data.dir): real MovieLens files, never copied into the repo. */
  public static Path dataDir() {
    String dir = System.getProperty("movierec.data.dir", "../shared/data");
    File f = new File(dir);
    if (!f.isDirectory()) {
      throw new IllegalStateException(
          "MovieLens test data not found at " + f.getAbsolutePath() + "; set -Dmovierec.data.dir");
    }
    return f.toPath();
  }

  /** The project's root directory (where submit.sh is). */
  public static Path projectDir() {
    return Path.of(System.getProperty("movierec.project.dir", ".")).toAbsolutePath().normalize();
  }
}
