package movierec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import movierec.features.FeatureTables;
import movierec.ingest.IngestTables;
import movierec.io.Table;
import movierec.jobs.AppConfig;
import movierec.jobs.ConfigLoader;
import movierec.jobs.JobRegistry;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ingest and features with input.path and warehouse.path on a real HDFS (Hadoop's MiniDFSCluster: a
 * NameNode and a DataNode on 127.0.0.1 in this JVM): the jobs reach files only through Hadoop's
 * FileSystem API, including the staged swap of a partition when a run date is written again.
 */
@Order(5)
class HdfsIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
  @TempDir static Path tmp;
  private static MiniDFSCluster dfs;
  private static String root;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    dfs.waitActive();
    root = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
    FileSystem fs = dfs.getFileSystem();
    File ml100k = SparkTestSupport.dataDir().resolve("ml-100k").toFile();
    for (String f : List.of("u.data", "u.item", "u.user")) {
      fs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(new File(ml100k, f).getAbsolutePath()),
          new org.apache.hadoop.fs.Path(root + "/input/ml-100k/" + f));
    }
  }

  @AfterAll
  static void stopHdfs() {
    if (dfs != null) {
      dfs.shutdown();
    }
  }

  @Test
  void ingestAndFeaturesReadAndWriteHdfs() throws Exception {
    AppConfig config =
        ConfigLoader.load(
            List.of(),
            Map.of(
                "input.path", root + "/input/ml-100k",
                "warehouse.path", root + "/warehouse",
                // The embedded metastore (Derby) lives on local disk, not beside the tables.
                "catalog.metastore-dir",
                    System.getProperty("java.io.tmpdir") + "/hdfs-it-catalog"));
    SparkSession spark = SparkTestSupport.spark();
    for (String stage : List.of("ingest", "features")) {
      var job = JobRegistry.find(stage).orElseThrow().command().get().create(config, DAY);
      job.preflight(dfs.getConfiguration(0));
      job.run(spark);
    }
    FileSystem fs = dfs.getFileSystem();
    for (Table t :
        List.of(
            IngestTables.USERS,
            IngestTables.MOVIES,
            IngestTables.RATINGS,
            FeatureTables.USER_FEATURES,
            FeatureTables.MOVIE_FEATURES)) {
      assertTrue(
          fs.exists(new org.apache.hadoop.fs.Path(root + "/warehouse/" + t + "/run_date=" + DAY)),
          t.name());
    }
    String ratings = root + "/warehouse/ratings/run_date=" + DAY;
    assertEquals(100000, spark.read().parquet(ratings).count());
    long firstWrite =
        fs.getFileStatus(new org.apache.hadoop.fs.Path(ratings)).getModificationTime();

    // Writing the same run date again swaps a new partition in and leaves nothing staged behind.
    var ingest = JobRegistry.find("ingest").orElseThrow().command().get().create(config, DAY);
    ingest.run(spark);
    assertEquals(100000, spark.read().parquet(ratings).count());
    assertTrue(
        fs.getFileStatus(new org.apache.hadoop.fs.Path(ratings)).getModificationTime()
            >= firstWrite);
    for (FileStatus st :
        fs.listStatus(new org.apache.hadoop.fs.Path(root + "/warehouse/ratings"))) {
      assertFalse(st.getPath().getName().startsWith("."), "left behind: " + st.getPath());
    }
  }
}
