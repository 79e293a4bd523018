package movierec.similarity;

/**
 * The k best neighbours of one entity, best = highest score, ties to the lower neighbour id (so the
 * choice never depends on the order candidates arrive in). A binary heap whose root is the worst
 * kept candidate: O(log k) per offer, 16 bytes per slot. Shared by every top-N list of the suite.
 * With k &lt;= 0 it keeps every candidate (threshold mode), growing as needed.
 */
public final class TopK {
  private final int k;
  private double[] score;
  private int[] neighbor;
  private int[] co;
  private int size;

  public TopK(int k) {
    this.k = k;
    int capacity = k > 0 ? k : 8;
    this.score = new double[capacity];
    this.neighbor = new int[capacity];
    this.co = new int[capacity];
  }

  public int size() {
    return size;
  }

  public double score(int i) {
    return score[i];
  }

  public int neighbor(int i) {
    return neighbor[i];
  }

  public int coCount(int i) {
    return co[i];
  }

  /** Offers a candidate without a co-rating count. */
  public void offer(double s, int n) {
    offer(s, n, 0);
  }

  /** Slots of the kept candidates, best first. */
  public int[] bestFirst() {
    Integer[] idx = new Integer[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(
        idx,
        (a, b) ->
            worse(score[a], neighbor[a], score[b], neighbor[b])
                ? 1
                : worse(score[b], neighbor[b], score[a], neighbor[a]) ? -1 : 0);
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /** Whether (s, n) ranks below (s2, n2). */
  private static boolean worse(double s, int n, double s2, int n2) {
    return s < s2 || (s == s2 && n > n2);
  }

  /** Whether {@link #offer} would keep (s, n) now: a cheap test before costlier checks. */
  public boolean wouldKeep(double s, int n) {
    return k <= 0 || size < k || worse(score[0], neighbor[0], s, n);
  }

  public void offer(double s, int n, int coCount) {
    if (k <= 0 && size == score.length) {
      score = java.util.Arrays.copyOf(score, size * 2);
      neighbor = java.util.Arrays.copyOf(neighbor, size * 2);
      co = java.util.Arrays.copyOf(co, size * 2);
    }
    if (k <= 0 || size < k) {
      score[size] = s;
      neighbor[size] = n;
      co[size] = coCount;
      up(size++);
    } else if (worse(score[0], neighbor[0], s, n)) {
      score[0] = s;
      neighbor[0] = n;
      co[0] = coCount;
      down(0);
    }
  }

  private void up(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(score[i], neighbor[i], score[parent], neighbor[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void down(int i) {
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int w = i;
      if (l < size && worse(score[l], neighbor[l], score[w], neighbor[w])) {
        w = l;
      }
      if (r < size && worse(score[r], neighbor[r], score[w], neighbor[w])) {
        w = r;
      }
      if (w == i) {
        return;
      }
      swap(i, w);
      i = w;
    }
  }

  private void swap(int a, int b) {
    double s = score[a];
    score[a] = score[b];
    score[b] = s;
    int n = neighbor[a];
    neighbor[a] = neighbor[b];
    neighbor[b] = n;
    int c = co[a];
    co[a] = co[b];
    co[b] = c;
  }
}
