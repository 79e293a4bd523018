package movierec.generate;

import java.io.Serializable;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Draws a user's distinct movies with probability in proportion to popularity. Vose's alias table
 * gives O(1) draws; duplicates are drawn again, which stays cheap while a user takes a small part
 * of the catalogue. A user taking more than a quarter of it is served by weighted sampling without
 * replacement over the whole catalogue instead (Efraimidis-Spirakis keys, O(M log k)), so heavy
 * users cannot stall on rejections.
 */
final class PopularitySampler implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] weight;
  private final double[] prob;
  private final int[] alias;

  PopularitySampler(double[] weight) {
    int n = weight.length;
    this.weight = weight.clone();
    this.prob = new double[n];
    this.alias = new int[n];
    double total = 0;
    for (double w : weight) {
      total += w;
    }
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = n - 1; i >= 0; i--) {
      scaled[i] = weight[i] * n / total;
      if (scaled[i] < 1) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      prob[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    while (nl > 0) {
      prob[large[--nl]] = 1;
    }
    while (ns > 0) {
      prob[small[--ns]] = 1;
    }
  }

  int size() {
    return weight.length;
  }

  int draw(SplittableRandom r) {
    int i = r.nextInt(prob.length);
    return r.nextDouble() < prob[i] ? i : alias[i];
  }

  /** {@code k} distinct movie indexes (0-based), in the order drawn. */
  int[] pick(SplittableRandom r, int k) {
    if (k > weight.length / 4) {
      return pickByKeys(r, k);
    }
    java.util.BitSet taken = new java.util.BitSet(weight.length);
    int[] out = new int[k];
    int n = 0;
    while (n < k) {
      int i = draw(r);
      if (!taken.get(i)) {
        taken.set(i);
        out[n++] = i;
      }
    }
    return out;
  }

  private int[] pickByKeys(SplittableRandom r, int k) {
    PriorityQueue<double[]> best = new PriorityQueue<>(k, (a, b) -> Double.compare(a[0], b[0]));
    for (int i = 0; i < weight.length; i++) {
      double key = Math.log(1 - r.nextDouble()) / weight[i];
      if (best.size() < k) {
        best.add(new double[] {key, i});
      } else if (key > best.peek()[0]) {
        best.poll();
        best.add(new double[] {key, i});
      }
    }
    int[] out = new int[k];
    for (int n = k - 1; n >= 0; n--) {
      out[n] = (int) best.poll()[1];
    }
    return out;
  }
}
