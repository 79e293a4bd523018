package movierec.similarity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/** The shuffle plan's records: each other's ratings cut into the block pairs it touches. */
final class RatingSlices {
  private RatingSlices() {}

  /** One other's ratings in the two blocks of a pair (only {@code p*} when p == q). */
  static final class Slice implements Serializable {
    private static final long serialVersionUID = 1L;
    final int[] pIdx;
    final double[] pVal;
    final double[] pAdj;
    final int[] qIdx;
    final double[] qVal;
    final double[] qAdj;

    Slice(int[] pIdx, double[] pVal, double[] pAdj, int[] qIdx, double[] qVal, double[] qAdj) {
      this.pIdx = pIdx;
      this.pVal = pVal;
      this.pAdj = pAdj;
      this.qIdx = qIdx;
      this.qVal = qVal;
      this.qAdj = qAdj;
    }
  }

  /** The records one other sends: one per block pair where it rated on both sides. */
  static List<Tuple2<Long, Slice>> slicesOf(Row r, int[] ids, int blockSize, int blocks) {
    int other = r.getInt(0);
    List<Row> list = r.getList(1);
    int m = list.size();
    int[] idx = new int[m];
    double[] val = new double[m];
    double[] adj = new double[m];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      Row e = list.get(i);
      idx[i] = Arrays.binarySearch(ids, e.getInt(0));
      val[i] = e.getDouble(1);
      adj[i] = e.getDouble(2);
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> idx[i]));
    // per block: the range [from[b], from[b+1]) of positions in sorted order
    int[] from = new int[blocks + 1];
    int[] sIdx = new int[m];
    double[] sVal = new double[m];
    double[] sAdj = new double[m];
    for (int i = 0; i < m; i++) {
      int o = order[i];
      sIdx[i] = idx[o];
      sVal[i] = val[o];
      sAdj[i] = adj[o];
      from[idx[o] / blockSize + 1]++;
    }
    for (int b = 0; b < blocks; b++) {
      from[b + 1] += from[b];
    }
    List<Tuple2<Long, Slice>> out = new ArrayList<>();
    for (int p = 0; p < blocks; p++) {
      int pn = from[p + 1] - from[p];
      if (pn == 0) {
        continue;
      }
      int[] pi = Arrays.copyOfRange(sIdx, from[p], from[p + 1]);
      double[] pv = Arrays.copyOfRange(sVal, from[p], from[p + 1]);
      double[] pa = Arrays.copyOfRange(sAdj, from[p], from[p + 1]);
      if (pn > 1) {
        out.add(
            new Tuple2<>(
                key(BlockPairs.index(p, p, blocks), other),
                new Slice(pi, pv, pa, null, null, null)));
      }
      for (int q = p + 1; q < blocks; q++) {
        if (from[q + 1] > from[q]) {
          out.add(
              new Tuple2<>(
                  key(BlockPairs.index(p, q, blocks), other),
                  new Slice(
                      pi,
                      pv,
                      pa,
                      Arrays.copyOfRange(sIdx, from[q], from[q + 1]),
                      Arrays.copyOfRange(sVal, from[q], from[q + 1]),
                      Arrays.copyOfRange(sAdj, from[q], from[q + 1]))));
        }
      }
    }
    return out;
  }

  static long key(int pair, int other) {
    return ((long) pair << 32) | (other & 0xFFFFFFFFL);
  }
}
