package movierec.evaluate;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import movierec.ingest.IngestSchemas;
import movierec.train.TrainSchemas;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The HTML report's inputs read from the run's tables, and the report written where it goes. */
public final class ReportFiles {
  private ReportFiles() {}

  /** The rating models' per-epoch errors, from training_history. */
  public static List<Report.Epoch> epochs(Dataset<Row> trainingHistory) {
    List<Report.Epoch> out = new ArrayList<>();
    for (Row r :
        trainingHistory
            .select(
                TrainSchemas.MODEL,
                TrainSchemas.EPOCH,
                TrainSchemas.TRAIN_RMSE,
                TrainSchemas.VALIDATION_RMSE)
            .filter(col(TrainSchemas.TRAIN_RMSE).isNotNull())
            .orderBy(TrainSchemas.MODEL, TrainSchemas.EPOCH)
            .collectAsList()) {
      out.add(new Report.Epoch(r.getString(0), r.getInt(1), r.getDouble(2), r.getDouble(3)));
    }
    return out;
  }

  /** How many ratings each rating value has. */
  public static Map<Double, Long> ratingCounts(Dataset<Row> ratings) {
    Map<Double, Long> out = new TreeMap<>();
    for (Row r : ratings.groupBy(IngestSchemas.RATING).count().collectAsList()) {
      out.put(((Number) r.get(0)).doubleValue(), r.getLong(1));
    }
    return out;
  }

  /** Draws the report into a local directory and copies it to the staging directory. */
  public static void write(Path staging, Configuration conf, Report.Content content) {
    try {
      java.nio.file.Path local = Files.createTempDirectory("movierec-report");
      try {
        Report.write(local, content);
        FileSystem fs = staging.getFileSystem(conf);
        try (var files = Files.list(local)) {
          for (java.nio.file.Path f : files.sorted().toList()) {
            fs.copyFromLocalFile(
                true, true, new Path(f.toUri()), new Path(staging, f.getFileName().toString()));
          }
        }
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
  }
}
