package movierec.model;

import java.util.SplittableRandom;

/** Inverted dropout: kept units are scaled by 1/(1-rate) in training, identity at inference. */
public final class Dropout {
  final double rate;
  private double[] mask = new double[0];
  private boolean active;

  Dropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  /** Applies dropout in place when {@code rnd} is not null (training). */
  void forward(double[] x, int len, SplittableRandom rnd) {
    active = rnd != null && rate > 0;
    if (!active) {
      return;
    }
    if (mask.length < len) {
      mask = new double[len];
    }
    double keep = 1.0 / (1 - rate);
    for (int i = 0; i < len; i++) {
      mask[i] = rnd.nextDouble() < rate ? 0.0 : keep;
      x[i] *= mask[i];
    }
  }

  void backward(double[] dy, int len) {
    if (active) {
      for (int i = 0; i < len; i++) {
        dy[i] *= mask[i];
      }
    }
  }
}
