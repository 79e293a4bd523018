package movierec.model;

/** Element-wise activations of a dense layer; backward takes the activation's output. */
public enum Activation {
  LINEAR,
  RELU,
  TANH;

  void forward(double[] z, int n) {
    switch (this) {
      case RELU -> {
        for (int i = 0; i < n; i++) {
          z[i] = z[i] > 0 ? z[i] : 0.0;
        }
      }
      case TANH -> {
        for (int i = 0; i < n; i++) {
          z[i] = tanh(z[i]);
        }
      }
      default -> {}
    }
  }

  /** tanh through exp, an intrinsic: a few times faster than Math.tanh, as exact in double. */
  static double tanh(double x) {
    if (x > 20) {
      return 1.0;
    }
    if (x < -20) {
      return -1.0;
    }
    double e = Math.exp(2 * x);
    return (e - 1) / (e + 1);
  }

  /** Turns dL/d(output) into dL/d(pre-activation) in place, from the outputs {@code y}. */
  void backward(double[] y, double[] d, int n) {
    switch (this) {
      case RELU -> {
        for (int i = 0; i < n; i++) {
          if (y[i] <= 0) {
            d[i] = 0.0;
          }
        }
      }
      case TANH -> {
        for (int i = 0; i < n; i++) {
          d[i] *= 1 - y[i] * y[i];
        }
      }
      default -> {}
    }
  }
}
