package movierec.model;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Trains one replica on one shard for one averaging round, and scores shards. Every random choice
 * (the epoch's shuffle, dropout masks, id dropout) comes from a generator seeded by (seed, epoch,
 * partition), so a replica's work does not depend on which executor runs it or when.
 */
public final class ReplicaTrainer {
  private ReplicaTrainer() {}

  /**
   * What a replica returns: its model after the round and its training loss summed over the
   * examples (squared error for the rating objective, cross-entropy for the ranking one).
   */
  public record RoundResult(ModelState state, double lossSum, long examples)
      implements Serializable {}

  /** Squared and absolute error sums of a model over a shard. */
  public record Errors(double squaredErrorSum, double absoluteErrorSum, long count)
      implements Serializable {
    public Errors plus(Errors o) {
      return new Errors(
          squaredErrorSum + o.squaredErrorSum,
          absoluteErrorSum + o.absoluteErrorSum,
          count + o.count);
    }

    public double rmse() {
      return count == 0 ? Double.NaN : Math.sqrt(squaredErrorSum / count);
    }

    public double mae() {
      return count == 0 ? Double.NaN : absoluteErrorSum / count;
    }
  }

  /**
   * Runs round {@code round} of {@code rounds} of epoch {@code epoch} on {@code shard}: the epoch's
   * seeded permutation of the shard, cut into {@code rounds} consecutive slices, this round's slice
   * in batches. The training loss is measured on each batch before its update.
   */
  public static RoundResult trainRound(
      ModelState start,
      FeatureTable features,
      RatingShard shard,
      int partition,
      int epoch,
      int round,
      int rounds) {
    TwoTowerModel model = start.toModel();
    ModelConfig c = model.config;
    for (Param p : model.params()) {
      p.startRound();
    }
    int[] order = permutation(shard.size(), new SplittableRandom(mix(c.seed(), epoch, partition)));
    int from = (int) ((long) shard.size() * round / rounds);
    int to = (int) ((long) shard.size() * (round + 1) / rounds);
    SplittableRandom rnd = new SplittableRandom(mix(c.seed() ^ 0x5DEECE66DL, epoch, partition));
    for (int r = 0; r < round; r++) {
      rnd = rnd.split();
    }
    Adam adam = new Adam(c.learningRate(epoch), c.l2Embedding(), c.l2Dense());
    Batch batch = Batch.of(model, c.batchSize());
    double[] grad = new double[c.batchSize()];
    double[] logQ = c.ranking() ? logFrequencies(features, c.logQWeight()) : null;
    double sse = 0;
    for (int start0 = from; start0 < to; start0 += c.batchSize()) {
      int n = Math.min(c.batchSize(), to - start0);
      for (int i = 0; i < n; i++) {
        int e = order[start0 + i];
        boolean dropUser = c.idDropout() > 0 && rnd.nextDouble() < c.idDropout();
        boolean dropMovie = c.idDropout() > 0 && rnd.nextDouble() < c.idDropout();
        features.fill(
            batch,
            i,
            shard.userRow[e],
            shard.movieRow[e],
            dropUser,
            dropMovie,
            rnd,
            c.historyDropout());
        batch.setRating(i, shard.rating[e]);
      }
      batch.setSize(n);
      if (c.ranking()) {
        sse += model.rankingStep(batch, rnd, logQ);
      } else {
        double[] pred = model.forward(batch, rnd);
        for (int i = 0; i < n; i++) {
          double err = pred[i] - batch.rating[i];
          sse += err * err;
          grad[i] = 2 * err / n;
        }
        model.backward(grad);
      }
      adam.step(model);
    }
    return new RoundResult(ModelState.of(model, true), sse, to - from);
  }

  /** Error sums of the model's predictions (no dropout), clipped to the rating scale. */
  public static Errors score(
      TwoTowerModel model, FeatureTable features, RatingShard shard, double min, double max) {
    int cap = 1024;
    Batch batch = Batch.of(model, cap);
    double sse = 0;
    double sae = 0;
    for (int s = 0; s < shard.size(); s += cap) {
      int n = Math.min(cap, shard.size() - s);
      for (int i = 0; i < n; i++) {
        features.fill(batch, i, shard.userRow[s + i], shard.movieRow[s + i], false, false);
      }
      batch.setSize(n);
      double[] pred = model.forward(batch, null);
      for (int i = 0; i < n; i++) {
        double p = Math.max(min, Math.min(max, pred[i]));
        double err = p - shard.rating[s + i];
        sse += err * err;
        sae += Math.abs(err);
      }
    }
    return new Errors(sse, sae, shard.size());
  }

  /**
   * {@code weight} x log of each movie row's share of the training ratings (how often it enters a
   * batch), which the ranking objective subtracts from its logits (movies never rated get the
   * smallest share seen).
   */
  static double[] logFrequencies(FeatureTable features, double weight) {
    long[] counts = features.movieCounts();
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = weight * Math.log(Math.max(1, counts[i]) / (double) Math.max(1, total));
    }
    return out;
  }

  static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  static long mix(long seed, int epoch, int partition) {
    long h = seed * 0x9E3779B97F4A7C15L + epoch;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + partition;
    return h ^ (h >>> 29);
  }
}
