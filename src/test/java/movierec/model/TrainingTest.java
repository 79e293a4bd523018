package movierec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training behaviour without Spark: fitting, determinism, averaging, saving. */
class TrainingTest {
  @TempDir Path tmp;

  private static ModelState train(SyntheticData d, ModelConfig c, int epochs) {
    ModelState s = ModelState.of(new TwoTowerModel(c, d.space, d.mean), true);
    for (int e = 1; e <= epochs; e++) {
      s = ReplicaTrainer.trainRound(s, d.features, d.ratings, 0, e, 0, 1).state();
    }
    return s;
  }

  @Test
  void fitsAKnownLatentStructure() {
    SyntheticData d = new SyntheticData(40, 30, 1);
    ModelConfig c = SyntheticData.smallConfig(3);
    ModelState start = ModelState.of(new TwoTowerModel(c, d.space, d.mean), true);
    double before = ReplicaTrainer.score(start.toModel(), d.features, d.ratings, 0, 10).rmse();
    ModelState s = train(d, c, 60);
    double after = ReplicaTrainer.score(s.toModel(), d.features, d.ratings, 0, 10).rmse();
    // The ratings' standard deviation is about 1.06; the mean alone cannot go below it.
    assertTrue(d.std > 0.9, "std " + d.std);
    assertTrue(before > 0.9 * d.std, "an untrained model is about as good as the mean: " + before);
    assertTrue(after < 0.15, "training RMSE after 60 epochs: " + after + " (std " + d.std + ")");
  }

  @Test
  void sameSeedSameModelOtherSeedOtherModel() {
    SyntheticData d = new SyntheticData(20, 15, 2);
    ModelConfig c = SyntheticData.smallConfig(5);
    ModelState a = train(d, c, 3);
    ModelState b = train(d, c, 3);
    ModelState other = train(d, SyntheticData.smallConfig(6), 3);
    for (int i = 0; i < a.w.length; i++) {
      assertArrayEquals(a.w[i], b.w[i], 0.0, a.names[i]);
    }
    assertTrue(!java.util.Arrays.equals(a.w[0], other.w[0]), "another seed, other weights");
  }

  @Test
  void averagingUsesOnlyReplicasThatTouchedARow() {
    SyntheticData d = new SyntheticData(4, 3, 3);
    TwoTowerModel m = new TwoTowerModel(SyntheticData.smallConfig(1), d.space, d.mean);
    ModelState base = ModelState.of(m, true);
    int p = m.params().indexOf(m.userId.table);
    int dense = m.params().indexOf(m.userOut.weight);
    ModelState r1 = copy(base);
    ModelState r2 = copy(base);
    int cols = base.cols[p];
    r1.w[p][cols] = 10;
    r1.touched[p].set(1);
    r2.w[p][cols] = 20;
    r2.touched[p].set(1);
    r2.w[p][2 * cols] = 7;
    r2.touched[p].set(2);
    r1.w[dense][0] = 1;
    r2.w[dense][0] = 3;
    ModelState avg = ModelState.average(List.of(r1, r2));
    assertEquals(15, avg.w[p][cols], 1e-12, "row touched by both: their mean");
    assertEquals(7, avg.w[p][2 * cols], 1e-12, "row touched by one: its value");
    assertEquals(base.w[p][3 * cols], avg.w[p][3 * cols], 0.0, "untouched row: unchanged");
    assertEquals(2, avg.w[dense][0], 1e-12, "dense: plain mean");
  }

  private static ModelState copy(ModelState s) {
    int n = s.w.length;
    double[][] w = new double[n][];
    double[][] mm = new double[n][];
    double[][] v = new double[n][];
    BitSet[] t = new BitSet[n];
    for (int i = 0; i < n; i++) {
      w[i] = s.w[i].clone();
      mm[i] = s.m[i].clone();
      v[i] = s.v[i].clone();
      t[i] = s.touched[i] == null ? null : new BitSet();
    }
    return new ModelState(s.config, s.space, s.globalMean, s.step, s.names, s.cols, w, mm, v, t);
  }

  @Test
  void saveAndLoadGiveTheSamePredictions() throws Exception {
    SyntheticData d = new SyntheticData(10, 8, 4);
    ModelState s = train(d, SyntheticData.smallConfig(2), 2);
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(tmp.resolve("m.model").toUri());
    ModelIo.save(s.withoutMoments(), file, new Configuration());
    ModelState loaded = ModelIo.load(file, new Configuration());
    assertEquals(s.config, loaded.config);
    assertEquals(s.space, loaded.space);
    assertEquals(false, loaded.hasMoments());
    double a = ReplicaTrainer.score(s.toModel(), d.features, d.ratings, 0, 10).squaredErrorSum();
    double b =
        ReplicaTrainer.score(loaded.toModel(), d.features, d.ratings, 0, 10).squaredErrorSum();
    assertEquals(a, b, 0.0);

    ModelIo.save(s, file, new Configuration());
    assertTrue(ModelIo.load(file, new Configuration()).hasMoments(), "checkpoints keep moments");

    Path bad = tmp.resolve("bad.model");
    Files.writeString(bad, "not a model");
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> ModelIo.load(new org.apache.hadoop.fs.Path(bad.toUri()), new Configuration()));
    assertTrue(e.getMessage().contains("bad.model"), e.getMessage());
  }

  @Test
  void coldStartInputsGiveFiniteVectors() {
    SyntheticData d = new SyntheticData(10, 8, 5);
    TwoTowerModel m = train(d, SyntheticData.smallConfig(2), 2).toModel();
    Batch b = new Batch(2, 1, 3);
    b.setUser(0, InputSpace.UNKNOWN, 1, 1, 1);
    b.setUser(1, InputSpace.UNKNOWN, InputSpace.UNKNOWN, InputSpace.UNKNOWN, InputSpace.UNKNOWN);
    b.setMovie(0, InputSpace.UNKNOWN, new int[] {1}, new int[] {2, 0, 0});
    b.setMovie(1, InputSpace.UNKNOWN, new int[] {0}, new int[] {1, 0, 0});
    b.setSize(2);
    double[] pred = m.forward(b, null);
    for (int i = 0; i < 2; i++) {
      assertTrue(Double.isFinite(pred[i]), "prediction " + pred[i]);
    }
  }
}
