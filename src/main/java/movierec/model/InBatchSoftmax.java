package movierec.model;

/**
 * The ranking objective's arithmetic on an n x n matrix of logits (example i's user against example
 * j's movie): each user's positive is its own example's movie, the batch's other movies its
 * negatives.
 */
final class InBatchSoftmax {
  private InBatchSoftmax() {}

  /**
   * Turns dot products into corrected logits in place: plus the movie's bias, over the temperature
   * ({@code inv} is its inverse), less the log-frequency correction of the movie row; another
   * example of the same movie is masked out (minus infinity), as it is no negative.
   */
  static void correct(
      double[] logits, int n, int[] item, double[] bias, double inv, double[] logQ) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        logits[i * n + j] =
            j != i && item[j] == item[i]
                ? Double.NEGATIVE_INFINITY
                : (logits[i * n + j] + bias[j]) * inv - logQ[item[j]];
      }
    }
  }

  /**
   * The summed cross-entropy of each row's softmax against its diagonal; the logits are replaced by
   * dL/d(dot product) of the mean loss, (softmax - one-hot) / n / temperature.
   */
  static double crossEntropy(double[] logits, int n, double inv) {
    double loss = 0;
    for (int i = 0; i < n; i++) {
      int o = i * n;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        max = Math.max(max, logits[o + j]);
      }
      double z = 0;
      for (int j = 0; j < n; j++) {
        z += Math.exp(logits[o + j] - max);
      }
      loss += max + Math.log(z) - logits[o + i];
      for (int j = 0; j < n; j++) {
        logits[o + j] = (Math.exp(logits[o + j] - max) / z - (i == j ? 1 : 0)) / n * inv;
      }
    }
    return loss;
  }
}
