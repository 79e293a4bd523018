package movierec.train;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import movierec.io.HadoopFiles;
import movierec.model.ModelState;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a killed training run needs to go on where it stopped: the state after the last finished
 * epoch (with Adam's moments), the best state so far, and the history. It is keyed by a fingerprint
 * of the model settings and the training data, so a checkpoint of other settings or other data is
 * ignored rather than resumed.
 */
public record TrainingCheckpoint(
    String fingerprint,
    ModelState current,
    ModelState average,
    ModelState best,
    int bestEpoch,
    double bestValidationRmse,
    List<DistributedTrainer.Epoch> history)
    implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingCheckpoint.class);
  private static final String FILE = "checkpoint.bin";

  public int epochsDone() {
    return history.size();
  }

  /** Replaces the previous checkpoint in {@code dir} whole ({@link HadoopFiles#replace}). */
  public void save(Path dir, Configuration conf) {
    HadoopFiles.replace(
        new Path(dir, FILE),
        conf,
        "checkpoint",
        out -> {
          ObjectOutputStream objects = new ObjectOutputStream(new BufferedOutputStream(out));
          objects.writeObject(this);
          objects.flush();
        });
  }

  /** The checkpoint in {@code dir} when it exists and matches {@code fingerprint}. */
  public static Optional<TrainingCheckpoint> load(
      Path dir, String fingerprint, Configuration conf) {
    Path file = new Path(dir, FILE);
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new java.io.BufferedInputStream(fs.open(file)))) {
        TrainingCheckpoint c = (TrainingCheckpoint) in.readObject();
        if (!c.fingerprint().equals(fingerprint)) {
          LOG.warn("Ignoring checkpoint {}: it is of other settings or other data", file);
          return Optional.empty();
        }
        return Optional.of(c);
      }
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      LOG.warn("Ignoring unreadable checkpoint {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  public static void delete(Path dir, Configuration conf) {
    try {
      dir.getFileSystem(conf).delete(dir, true);
    } catch (IOException e) {
      LOG.warn("Could not delete checkpoint directory {}: {}", dir, e.toString());
    }
  }
}
