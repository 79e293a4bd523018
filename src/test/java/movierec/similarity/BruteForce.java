package movierec.similarity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reference implementations, written the obvious way (two-pass means, every pair), that the blocked
 * computations must match.
 */
final class BruteForce {
  private BruteForce() {}

  record Score(int id, int neighbor, String kind, double score, Integer co) {}

  /** ratings[i] = {entity, other, value}. Every pair's scores, both directions. */
  static List<Score> coRating(double[][] ratings, int minSupport, double shrinkage) {
    Map<Integer, Map<Integer, Double>> byEntity = new TreeMap<>();
    Map<Integer, List<Double>> byOther = new HashMap<>();
    for (double[] r : ratings) {
      byEntity.computeIfAbsent((int) r[0], x -> new TreeMap<>()).put((int) r[1], r[2]);
      byOther.computeIfAbsent((int) r[1], x -> new ArrayList<>()).add(r[2]);
    }
    Map<Integer, Double> otherMean = new HashMap<>();
    byOther.forEach((o, l) -> otherMean.put(o, l.stream().mapToDouble(d -> d).average().orElse(0)));
    List<Score> out = new ArrayList<>();
    for (int a : byEntity.keySet()) {
      for (int b : byEntity.keySet()) {
        if (a == b) {
          continue;
        }
        Map<Integer, Double> ra = byEntity.get(a);
        Map<Integer, Double> rb = byEntity.get(b);
        TreeSet<Integer> co = new TreeSet<>(ra.keySet());
        co.retainAll(rb.keySet());
        int n = co.size();
        if (n == 0 || n < minSupport) {
          continue;
        }
        double shrink = shrinkage > 0 ? n / (n + shrinkage) : 1;
        double dot = 0;
        for (int o : co) {
          dot += ra.get(o) * rb.get(o);
        }
        double na = Math.sqrt(ra.values().stream().mapToDouble(v -> v * v).sum());
        double nb = Math.sqrt(rb.values().stream().mapToDouble(v -> v * v).sum());
        out.add(new Score(a, b, "cosine", dot / (na * nb) * shrink, n));
        double ma = co.stream().mapToDouble(ra::get).average().orElseThrow();
        double mb = co.stream().mapToDouble(rb::get).average().orElseThrow();
        double num = 0;
        double va = 0;
        double vb = 0;
        double adj = 0;
        double aa = 0;
        double bb = 0;
        for (int o : co) {
          num += (ra.get(o) - ma) * (rb.get(o) - mb);
          va += (ra.get(o) - ma) * (ra.get(o) - ma);
          vb += (rb.get(o) - mb) * (rb.get(o) - mb);
          double x = ra.get(o) - otherMean.get(o);
          double y = rb.get(o) - otherMean.get(o);
          adj += x * y;
          aa += x * x;
          bb += y * y;
        }
        if (va > 1e-12 && vb > 1e-12) {
          out.add(new Score(a, b, "pearson", num / Math.sqrt(va * vb) * shrink, n));
        }
        if (aa > 1e-12 && bb > 1e-12) {
          out.add(new Score(a, b, "adjusted_cosine", adj / Math.sqrt(aa * bb) * shrink, n));
        }
      }
    }
    return out;
  }

  /** Top k per (id, kind) of a full score list: score desc, then neighbour id asc. */
  static Map<String, List<Integer>> topK(List<Score> all, int k) {
    Map<String, List<Score>> groups = new TreeMap<>();
    for (Score s : all) {
      groups.computeIfAbsent(s.id() + "/" + s.kind(), x -> new ArrayList<>()).add(s);
    }
    Map<String, List<Integer>> out = new TreeMap<>();
    groups.forEach(
        (key, l) -> {
          l.sort(
              (x, y) ->
                  x.score() != y.score()
                      ? Double.compare(y.score(), x.score())
                      : Integer.compare(x.neighbor(), y.neighbor()));
          out.put(key, l.stream().limit(k).map(Score::neighbor).toList());
        });
    return out;
  }
}
