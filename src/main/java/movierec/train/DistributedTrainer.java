package movierec.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import movierec.model.FeatureTable;
import movierec.model.InputSpace;
import movierec.model.ModelConfig;
import movierec.model.ModelState;
import movierec.model.RatingShard;
import movierec.model.ReplicaTrainer;
import movierec.model.ReplicaTrainer.Errors;
import movierec.model.ReplicaTrainer.RoundResult;
import movierec.model.TwoTowerModel;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-parallel training by parameter averaging (Zinkevich, Weimer, Smola and Li 2010,
 * "Parallelized Stochastic Gradient Descent"; the synchronous variant with periodic averaging).
 *
 * <p>The training ratings are {@code P} shards, one per partition. Each epoch has {@code
 * syncs-per-epoch} rounds. In a round the driver broadcasts the current {@link ModelState}
 * (parameters and Adam moments), every task trains its own replica with Adam on the next slice of
 * its shard's seeded permutation, and the driver averages what the tasks return ({@link
 * ModelState#average}: dense parameters plainly, embedding rows over the replicas that touched
 * them). The validation RMSE after each epoch drives early stopping: training ends after {@code
 * patience} epochs without improvement and the best epoch's state is the result. With {@code
 * averaging > 0} what is validated and kept is an exponential moving average of the epoch-end
 * weights (Polyak averaging), which generalises better than the last weights alone. An epoch that
 * improves by less than {@code min-improvement} keeps its weights but counts as one without
 * improvement.
 *
 * <p>Cost per round: one broadcast and one collect of P model states (about 14 MB each with moments
 * at ML-1M size, growing with users x 32 and movies x 32); the work is embarrassingly parallel.
 * Same seed and P give the same model on any cluster: every random choice is seeded by (seed,
 * epoch, partition) and the replicas are averaged in partition order.
 */
public final class DistributedTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);

  /**
   * One epoch of the history (the training_history table): the training loss (RMSE of the rating
   * objective, mean cross-entropy of the ranking one) and the validation figure the best epoch is
   * chosen by (RMSE, lower is better; NDCG@10 of the ranking objective, higher is better).
   */
  public record Epoch(
      int epoch, double trainLoss, double validation, double samplesPerSecond, double seconds)
      implements Serializable {}

  /** The best state, the history and the time spent. */
  public record Result(ModelState best, int bestEpoch, List<Epoch> history, double seconds) {}

  private final JavaSparkContext jsc;
  private final Broadcast<FeatureTable> features;
  private final JavaRDD<RatingShard> train;
  private final JavaRDD<RatingShard> validation;
  private final Optional<Path> checkpointDir;
  private final String dataFingerprint;
  private java.util.function.IntConsumer afterEpoch = e -> {};
  private RankingValidation rankingValidation;
  private RatingScale scale = new RatingScale(1, 5);

  /**
   * @param checkpointDir where checkpoints live (one directory per model name), or empty
   * @param dataFingerprint identifies the training data (counts and sums), for checkpoints
   */
  public DistributedTrainer(
      JavaSparkContext jsc,
      Broadcast<FeatureTable> features,
      JavaRDD<RatingShard> train,
      JavaRDD<RatingShard> validation,
      Optional<Path> checkpointDir,
      String dataFingerprint) {
    this.jsc = jsc;
    this.features = features;
    this.train = train;
    this.validation = validation;
    this.checkpointDir = checkpointDir;
    this.dataFingerprint = dataFingerprint;
  }

  /** A trainer over prepared data's training and validation shards. */
  public static DistributedTrainer of(
      JavaSparkContext jsc, TrainingData data, Optional<Path> checkpointDir) {
    return new DistributedTrainer(
            jsc,
            data.broadcast,
            data.trainShards,
            data.validationShards,
            checkpointDir,
            data.fingerprint())
        .ratingScale(data.scale);
  }

  /** The scale predictions are clipped to when scored (default [1, 5]). */
  public DistributedTrainer ratingScale(RatingScale s) {
    this.scale = s;
    return this;
  }

  /** How ranking-objective models are validated (required to train one). */
  public DistributedTrainer rankingValidation(RankingValidation v) {
    this.rankingValidation = v;
    return this;
  }

  /** Called after each epoch's checkpoint is written (progress reporting; tests stop runs). */
  public DistributedTrainer onEpochEnd(java.util.function.IntConsumer listener) {
    this.afterEpoch = listener;
    return this;
  }

  /**
   * The last epoch of {@code history} whose validation figure beat every earlier one by at least
   * {@code minImprovement} (the first epoch always does); 0 for an empty history.
   */
  static int lastGain(List<Epoch> history, boolean ranking, double minImprovement) {
    int last = 0;
    double best = ranking ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    for (Epoch e : history) {
      double gain = ranking ? e.validation() - best : best - e.validation();
      if (last == 0 || (gain > 0 && gain >= minImprovement)) {
        last = e.epoch();
      }
      if (gain > 0) {
        best = e.validation();
      }
    }
    return last;
  }

  public Result train(String name, ModelConfig config, InputSpace space, double globalMean) {
    String fingerprint = config + "|" + space + "|" + dataFingerprint;
    var conf = jsc.hadoopConfiguration();
    Optional<Path> modelDir = checkpointDir.map(d -> new Path(d, name));
    Optional<TrainingCheckpoint> resumed =
        modelDir.flatMap(d -> TrainingCheckpoint.load(d, fingerprint, conf));
    ModelState state;
    ModelState best;
    ModelState average;
    int bestEpoch;
    double bestRmse;
    List<Epoch> history = new ArrayList<>();
    if (resumed.isPresent()) {
      TrainingCheckpoint c = resumed.get();
      state = c.current();
      average = c.average();
      best = c.best();
      bestEpoch = c.bestEpoch();
      bestRmse = c.bestValidationRmse();
      history.addAll(c.history());
      LOG.info("{}: resuming from the checkpoint after epoch {}", name, c.epochsDone());
    } else {
      state = ModelState.of(new TwoTowerModel(config, space, globalMean), true);
      best = state;
      average = null;
      bestEpoch = 0;
      bestRmse = config.ranking() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    boolean ranking = config.ranking();
    if (ranking && rankingValidation == null) {
      throw new IllegalStateException(name + ": a ranking model needs a ranking validation");
    }
    long start = System.nanoTime();
    int rounds = config.syncsPerEpoch();
    for (int epoch = history.size() + 1; epoch <= config.maxEpochs(); epoch++) {
      if (config.patience() > 0
          && bestEpoch > 0
          && epoch - lastGain(history, ranking, config.minImprovement()) > config.patience()) {
        break;
      }
      jsc.setJobDescription(name + " epoch " + epoch);
      long t0 = System.nanoTime();
      double sse = 0;
      long trainCount = 0;
      for (int round = 0; round < rounds; round++) {
        List<RoundResult> results = runRound(state, epoch, round, rounds);
        List<ModelState> states = new ArrayList<>();
        for (RoundResult r : results) {
          states.add(r.state());
          sse += r.lossSum();
          trainCount += r.examples();
        }
        state = ModelState.average(states);
      }
      double trainSeconds = (System.nanoTime() - t0) / 1e9;
      average =
          average == null || config.averaging() == 0
              ? state.withoutMoments()
              : ModelState.blend(average, state, config.averaging());
      double valRmse =
          ranking ? rankingValidation.ndcg(average) : score(average, validation).rmse();
      double seconds = (System.nanoTime() - t0) / 1e9;
      double trainLoss = ranking ? sse / trainCount : Math.sqrt(sse / trainCount);
      Epoch e = new Epoch(epoch, trainLoss, valRmse, trainCount / trainSeconds, seconds);
      history.add(e);
      if (ranking ? valRmse > bestRmse : valRmse < bestRmse) {
        bestRmse = valRmse;
        bestEpoch = epoch;
        best = average;
      }
      double perEpoch = (System.nanoTime() - start) / 1e9 / (epoch - (resumedEpochs(resumed)));
      LOG.info(
          "{} epoch {}/{}: train {} {}, validation {} {}{}, {} samples/s, {} s, ETA {} s",
          name,
          epoch,
          config.maxEpochs(),
          ranking ? "cross-entropy" : "RMSE",
          f4(e.trainLoss()),
          ranking ? "NDCG@10" : "RMSE",
          f4(valRmse),
          bestEpoch == epoch ? " (best)" : "",
          Math.round(e.samplesPerSecond()),
          String.format("%.1f", seconds),
          Math.round(perEpoch * (config.maxEpochs() - epoch)));
      if (modelDir.isPresent()) {
        new TrainingCheckpoint(
                fingerprint, state, average, best, bestEpoch, bestRmse, List.copyOf(history))
            .save(modelDir.get(), conf);
      }
      afterEpoch.accept(epoch);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info(
        "{}: best validation {} {} at epoch {} of {}, {} s",
        name,
        ranking ? "NDCG@10" : "RMSE",
        f4(bestRmse),
        bestEpoch,
        history.size(),
        String.format("%.1f", seconds));
    return new Result(best, bestEpoch, history, seconds);
  }

  private static int resumedEpochs(Optional<TrainingCheckpoint> c) {
    return c.map(TrainingCheckpoint::epochsDone).orElse(0);
  }

  private List<RoundResult> runRound(ModelState state, int epoch, int round, int rounds) {
    Broadcast<ModelState> b = jsc.broadcast(state);
    Broadcast<FeatureTable> ft = features;
    try {
      return train
          .mapPartitionsWithIndex(
              (Integer partition, Iterator<RatingShard> shards) -> {
                List<RoundResult> out = new ArrayList<>();
                while (shards.hasNext()) {
                  out.add(
                      ReplicaTrainer.trainRound(
                          b.value(), ft.value(), shards.next(), partition, epoch, round, rounds));
                }
                return out.iterator();
              },
              true)
          .collect();
    } finally {
      b.destroy();
    }
  }

  /** Error sums of {@code state} over {@code shards}, predictions clipped to the rating scale. */
  public Errors score(ModelState state, JavaRDD<RatingShard> shards) {
    RatingScale s = scale;
    Broadcast<FeatureTable> ft = features;
    Broadcast<ModelState> b = jsc.broadcast(state.withoutMoments());
    try {
      return shards
          .mapPartitions(
              (Iterator<RatingShard> it) -> {
                TwoTowerModel model = b.value().toModel();
                Errors e = new Errors(0, 0, 0);
                while (it.hasNext()) {
                  e = e.plus(ReplicaTrainer.score(model, ft.value(), it.next(), s.min(), s.max()));
                }
                return List.of(e).iterator();
              })
          .reduce(Errors::plus);
    } finally {
      b.destroy();
    }
  }

  private static String f4(double v) {
    return String.format("%.4f", v);
  }
}
