package movierec.generate;

import java.io.Serializable;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * Draws a user's distinct movies with probability in proportion to popularity, optionally tilted
 * per user: movie i's weight times {@code accept(i)}, a number in (0, 1]. Vose's alias table gives
 * O(1) popularity draws; a draw is kept with probability accept(i) (rejection sampling, so the tilt
 * costs no per-user table) and duplicates are drawn again, which stays cheap while a user takes a
 * small part of the catalogue. A user taking more than an eighth of it, or whose draws are rejected
 * too often, is served by weighted sampling without replacement over the whole catalogue instead
 * (Efraimidis-Spirakis keys, O(M log k)); both give successive sampling without replacement by the
 * tilted weights.
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

  /** Past this share of the catalogue a user's movies are picked by keys. */
  static final int HEAVY_SHARE_DIVISOR = 8;

  /** Draws per movie kept, past which the keys path takes over (a user of extreme taste). */
  static final int MAX_DRAWS_PER_PICK = 2_000;

  /** {@code k} distinct movie indexes (0-based), in the order drawn. */
  int[] pick(SplittableRandom r, int k) {
    return pick(r, k, i -> 1);
  }

  /** {@code k} distinct movie indexes (0-based) by weight x accept, in the order drawn. */
  int[] pick(SplittableRandom r, int k, IntToDoubleFunction accept) {
    if (k > weight.length / HEAVY_SHARE_DIVISOR) {
      return pickByKeys(r, k, accept);
    }
    java.util.BitSet taken = new java.util.BitSet(weight.length);
    int[] out = new int[k];
    int n = 0;
    long draws = 0;
    long maxDraws = (long) MAX_DRAWS_PER_PICK * k;
    while (n < k) {
      if (++draws > maxDraws) {
        return pickByKeys(r, k, accept);
      }
      int i = draw(r);
      if (!taken.get(i) && r.nextDouble() < accept.applyAsDouble(i)) {
        taken.set(i);
        out[n++] = i;
      }
    }
    return out;
  }

  private int[] pickByKeys(SplittableRandom r, int k, IntToDoubleFunction accept) {
    PriorityQueue<double[]> best = new PriorityQueue<>(k, (a, b) -> Double.compare(a[0], b[0]));
    for (int i = 0; i < weight.length; i++) {
      double key = Math.log(1 - r.nextDouble()) / (weight[i] * accept.applyAsDouble(i));
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
