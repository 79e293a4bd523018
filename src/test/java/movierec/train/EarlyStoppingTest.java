package movierec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import movierec.train.DistributedTrainer.Epoch;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
  private static List<Epoch> history(double... validation) {
    List<Epoch> out = new ArrayList<>();
    for (int i = 0; i < validation.length; i++) {
      out.add(new Epoch(i + 1, 0.0, validation[i], 1.0, 1.0));
    }
    return out;
  }

  @Test
  void withoutAThresholdTheLastGainIsTheBestEpoch() {
    // seed 43's regressor curve on ML-1M: best at 9, 10 worse
    List<Epoch> h = history(0.8754, 0.8710, 0.8678, 0.8636, 0.8597, 0.8569, 0.8544, 0.8529, 0.8527);
    assertEquals(9, DistributedTrainer.lastGain(h, false, 0.0));
    assertEquals(2, DistributedTrainer.lastGain(history(0.9, 0.8, 0.8), false, 0.0), "a tie");
  }

  @Test
  void aGainBelowTheThresholdDoesNotCount() {
    List<Epoch> h = history(0.8754, 0.8710, 0.8678, 0.8636, 0.8597, 0.8569, 0.8544, 0.8529, 0.8527);
    assertEquals(8, DistributedTrainer.lastGain(h, false, 0.0005));
    // a worse epoch in between: the gain is measured against the best so far, not the last
    assertEquals(1, DistributedTrainer.lastGain(history(0.85, 0.86, 0.8497), false, 0.0005));
    assertEquals(3, DistributedTrainer.lastGain(history(0.85, 0.86, 0.8490), false, 0.0005));
  }

  @Test
  void rankingFiguresImproveUpwards() {
    assertEquals(3, DistributedTrainer.lastGain(history(0.14, 0.15, 0.17, 0.169), true, 0.001));
    assertEquals(2, DistributedTrainer.lastGain(history(0.14, 0.15, 0.1505), true, 0.001));
    assertEquals(0, DistributedTrainer.lastGain(history(), true, 0.001));
  }
}
