package movierec.similarity;

import java.util.ArrayList;
import java.util.List;

/**
 * The work of one block pair of {@link CoRatingSimilarity}: accumulate every co-rated cell, score
 * the cells with enough support, keep the best per entity and kind. Both plans (shuffled slices,
 * broadcast ratings) feed it the others in id order, so a cell's sums are added in the same order
 * by either: same input, same output.
 *
 * <p>A cell's sums sit next to each other ({@code width} doubles: the dot product, then Pearson's
 * four sums, then adjusted cosine's three), so an update touches one cache line rather than one per
 * sum: with all kinds on, a cell is 64 bytes.
 */
final class PairTask {
  private final int p0;
  private final int q0;
  private final int pn;
  private final int qn;
  private final boolean diagonal;
  private final CoRatingSimilarity.Params params;
  private final int[] ids;
  private final double[] norms;
  private final CoRatingSimilarity.Stats stats;
  private final boolean pearson;
  private final boolean adjusted;
  private final boolean cosine;
  private final int width;
  private final int pOff;
  private final int aOff;
  private final int[] n;
  private final double[] acc;

  PairTask(
      int pair,
      int blocks,
      int entities,
      CoRatingSimilarity.Params params,
      int[] ids,
      double[] norms,
      CoRatingSimilarity.Stats stats) {
    int[] pq = BlockPairs.pair(pair, blocks);
    int b = params.blockSize();
    this.p0 = pq[0] * b;
    this.q0 = pq[1] * b;
    this.pn = Math.min(b, entities - p0);
    this.qn = Math.min(b, entities - q0);
    this.diagonal = pq[0] == pq[1];
    this.params = params;
    this.ids = ids;
    this.norms = norms;
    this.stats = stats;
    this.cosine = params.kinds().contains(Kind.COSINE);
    this.pearson = params.kinds().contains(Kind.PEARSON);
    this.adjusted = params.kinds().contains(Kind.ADJUSTED_COSINE);
    this.pOff = 1;
    this.aOff = pearson ? 5 : 1;
    this.width = params.bySupport() ? 0 : aOff + (adjusted ? 3 : 0);
    int cells = pn * qn;
    this.n = new int[cells];
    this.acc = width == 0 ? null : new double[cells * width];
  }

  /** The first entity index of the pair's left and right blocks. */
  int leftStart() {
    return p0;
  }

  int rightStart() {
    return q0;
  }

  boolean diagonal() {
    return diagonal;
  }

  /**
   * Adds one other's ratings: {@code an} entities of the left block (indexes, values, values less
   * the other's mean) against {@code bn} of the right block; on the diagonal both are the same list
   * and only pairs x &lt; y are added.
   */
  void add(int[] ai, double[] av, double[] aa, int an, int[] bi, double[] bv, double[] ba, int bn) {
    if (acc == null) {
      count(ai, an, bi, bn);
      return;
    }
    for (int x = 0; x < an; x++) {
      int row = (ai[x] - p0) * qn - q0;
      double rx = av[x];
      double ax = aa[x];
      for (int y = diagonal ? x + 1 : 0; y < bn; y++) {
        int c = row + bi[y];
        double ry = bv[y];
        n[c]++;
        int o = c * width;
        acc[o] += rx * ry;
        if (pearson) {
          acc[o + pOff] += rx;
          acc[o + pOff + 1] += ry;
          acc[o + pOff + 2] += rx * rx;
          acc[o + pOff + 3] += ry * ry;
        }
        if (adjusted) {
          double ay = ba[y];
          acc[o + aOff] += ax * ay;
          acc[o + aOff + 1] += ax * ax;
          acc[o + aOff + 2] += ay * ay;
        }
      }
    }
  }

  private void count(int[] ai, int an, int[] bi, int bn) {
    for (int x = 0; x < an; x++) {
      int row = (ai[x] - p0) * qn - q0;
      for (int y = diagonal ? x + 1 : 0; y < bn; y++) {
        n[row + bi[y]]++;
      }
    }
  }

  /** The pair's candidate lists, once every other has been added. */
  List<NeighborList> emit() {
    Kind[] kinds = {Kind.COSINE, Kind.PEARSON, Kind.ADJUSTED_COSINE};
    boolean[] on = {cosine, pearson, adjusted};
    int k = params.topK() ? params.k() : 0;
    TopK[][] best = new TopK[kinds.length][];
    for (int x = 0; x < kinds.length; x++) {
      if (on[x]) {
        best[x] = new TopK[pn + (diagonal ? 0 : qn)];
        for (int i = 0; i < best[x].length; i++) {
          best[x][i] = new TopK(k);
        }
      }
    }
    long zeroVariance = 0;
    long belowSupport = 0;
    for (int i = 0; i < pn; i++) {
      for (int j = diagonal ? i + 1 : 0; j < qn; j++) {
        int c = i * qn + j;
        int cn = n[c];
        if (cn == 0) {
          continue;
        }
        if (cn < params.minSupport()) {
          belowSupport++;
          continue;
        }
        int a = p0 + i;
        int b = q0 + j;
        if (params.bySupport()) {
          best[0][i].offer(cn / norms[a], ids[b], cn);
          best[0][diagonal ? j : pn + j].offer(cn / norms[b], ids[a], cn);
          continue;
        }
        double shrink = params.shrinkage() > 0 ? cn / (cn + params.shrinkage()) : 1.0;
        for (int x = 0; x < kinds.length; x++) {
          if (!on[x]) {
            continue;
          }
          double s = score(kinds[x], c * width, cn, a, b);
          if (Double.isNaN(s)) {
            if (kinds[x] != Kind.COSINE) {
              zeroVariance++;
            }
            continue;
          }
          s *= shrink;
          if (params.topK() || s >= params.threshold()) {
            best[x][i].offer(s, ids[b], cn);
            best[x][diagonal ? j : pn + j].offer(s, ids[a], cn);
          }
        }
      }
    }
    if (stats != null) {
      stats.zeroVariance().add(zeroVariance);
      stats.belowSupport().add(belowSupport);
    }
    List<NeighborList> out = new ArrayList<>();
    for (int x = 0; x < kinds.length; x++) {
      if (!on[x]) {
        continue;
      }
      for (int e = 0; e < best[x].length; e++) {
        if (best[x][e].size() > 0) {
          int id = ids[e < pn ? p0 + e : q0 + e - pn];
          out.add(NeighborList.of(id, kinds[x], best[x][e], true));
        }
      }
    }
    return out;
  }

  /** The unshrunk score of the cell whose sums start at {@code o}; NaN when undefined. */
  private double score(Kind kind, int o, int cn, int a, int b) {
    switch (kind) {
      case COSINE -> {
        double den = norms[a] * norms[b];
        return den > 0 ? acc[o] / den : Double.NaN;
      }
      case PEARSON -> {
        double sx = acc[o + pOff];
        double sy = acc[o + pOff + 1];
        double sxx = acc[o + pOff + 2];
        double syy = acc[o + pOff + 3];
        double vx = cn * sxx - sx * sx;
        double vy = cn * syy - sy * sy;
        if (!(vx > 1e-12 * cn * sxx) || !(vy > 1e-12 * cn * syy)) {
          return Double.NaN;
        }
        return clamp((cn * acc[o] - sx * sy) / Math.sqrt(vx * vy));
      }
      case ADJUSTED_COSINE -> {
        double den = Math.sqrt(acc[o + aOff + 1] * acc[o + aOff + 2]);
        return den > 1e-12 ? clamp(acc[o + aOff] / den) : Double.NaN;
      }
      default -> throw new IllegalStateException("not a co-rating kind: " + kind);
    }
  }

  private static double clamp(double s) {
    return Math.max(-1.0, Math.min(1.0, s));
  }
}
