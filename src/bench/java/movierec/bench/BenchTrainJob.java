package movierec.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import movierec.cli.Converters;
import movierec.ingest.Ingest;
import movierec.jobs.AppConfig;
import movierec.jobs.Job;
import movierec.jobs.JobCommand;
import movierec.model.ModelConfig;
import movierec.model.ModelState;
import movierec.model.RatingShard;
import movierec.model.ReplicaTrainer;
import movierec.model.TwoTowerModel;
import movierec.train.Baselines;
import movierec.train.DistributedTrainer;
import movierec.train.TrainConfig;
import movierec.train.TrainingData;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * bench-train: training throughput of the embedding regressor on {@code input.path}, read and split
 * in memory (nothing is written). Prints samples/s per epoch of the tutorial-size network trained
 * by parameter averaging over {@code train.partitions} replicas, and of one replica on the driver
 * without Spark (the kernel's own speed), and the configured default network's.
 */
public final class BenchTrainJob implements Job {
  public static final String NAME = "bench-train";

  /** The reference: PyTorch 1.13 CPU, 2 threads, tutorial network (not run here). */
  static final String PYTORCH_REFERENCE = "5,000-6,500";

  static final double GOAL = 12_000;

  private final AppConfig config;
  private final int epochs;
  private final boolean skipDefault;

  /** bench-train's options. */
  static final class Options extends JobCommand {
    @Option(
        names = "--epochs",
        paramLabel = "N",
        converter = Converters.PositiveInt.class,
        description = "Epochs per measured network (default: ${DEFAULT-VALUE}).")
    int epochs = 2;

    @Option(
        names = "--skip-default",
        description = "Measure only the tutorial-size network, not the configured default one.")
    boolean skipDefault;

    @Override
    public Job create(AppConfig config, LocalDate runDate) {
      return new BenchTrainJob(config, epochs, skipDefault);
    }
  }

  BenchTrainJob(AppConfig config, int epochs, boolean skipDefault) {
    this.config = config;
    this.epochs = epochs;
    this.skipDefault = skipDefault;
  }

  @Override
  public void run(SparkSession spark) {
    Ingest.Result in = Ingest.run(spark, config.input());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    TrainConfig tc = config.train();
    try (TrainingData data =
        TrainingData.prepare(spark, in.ratings(), in.users(), in.movies(), List.of(), tc)) {
      long n = data.trainShards.map(RatingShard::size).reduce(Integer::sum);
      double mean = Baselines.globalMean(data.train);
      BenchReport out =
          new BenchReport(NAME, "./submit.sh " + NAME + " --conf input.path=...")
              .setting("input", config.input().path())
              .setting("training ratings", String.format("%,d", n))
              .setting("master", spark.sparkContext().master())
              .setting("replicas (train.partitions)", tc.partitions())
              .setting("epochs", epochs);
      out.line(
          "bench-train on %s: %,d training ratings, master %s, %d replicas, %d epochs",
          config.input().path(), n, spark.sparkContext().master(), tc.partitions(), epochs);
      DistributedTrainer trainer = DistributedTrainer.of(jsc, data, Optional.empty());
      ModelConfig tutorial = ModelConfig.tutorial(tc.model().seed()).withMaxEpochs(epochs);
      double spark1 =
          report(
              out, "tutorial network, Spark", trainer.train("bench", tutorial, data.space, mean));

      RatingShard all = merge(data.trainShards.collect());
      ModelState start = ModelState.of(new TwoTowerModel(tutorial, data.space, mean), true);
      long t0 = System.nanoTime();
      ReplicaTrainer.trainRound(start, data.features, all, 0, 1, 0, 1);
      double single = all.size() / ((System.nanoTime() - t0) / 1e9);
      out.line(
          "tutorial network, one replica on the driver (no Spark, 1 thread): %,.0f samples/s",
          single);
      out.line(
          "reference (issue 4, measured elsewhere, not in this run): PyTorch 1.13 CPU, 2 threads,"
              + " %s samples/s",
          PYTORCH_REFERENCE);
      out.line(
          "goal %,.0f samples/s: %s (%.2fx the goal; %.1fx the PyTorch figure's upper end)",
          GOAL, spark1 >= GOAL ? "met" : "NOT met", spark1 / GOAL, spark1 / 6500);
      if (!skipDefault) {
        report(
            out,
            "default network (biases), Spark",
            trainer.train("bench-default", tc.model().withMaxEpochs(epochs), data.space, mean));
      }
      out.write(Path.of("benchmarks"));
    } finally {
      in.unpersist();
    }
  }

  /** Prints per-epoch throughput; returns the median samples/s. */
  private static double report(BenchReport out, String what, DistributedTrainer.Result r) {
    double[] sps =
        r.history().stream().mapToDouble(DistributedTrainer.Epoch::samplesPerSecond).toArray();
    List<String> each = new ArrayList<>();
    for (double s : sps) {
      each.add(String.format("%,.0f", s));
    }
    double[] sorted = sps.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    out.line(
        "%s: %,.0f samples/s (median; per epoch: %s), validation RMSE after the last epoch %.4f",
        what,
        median,
        String.join(", ", each),
        r.history().get(r.history().size() - 1).validation());
    return median;
  }

  private static RatingShard merge(List<RatingShard> shards) {
    int n = shards.stream().mapToInt(RatingShard::size).sum();
    int[] u = new int[n];
    int[] m = new int[n];
    float[] r = new float[n];
    int k = 0;
    for (RatingShard s : shards) {
      for (int i = 0; i < s.size(); i++, k++) {
        u[k] = s.userRow(i);
        m[k] = s.movieRow(i);
        r[k] = s.rating(i);
      }
    }
    return new RatingShard(u, m, r);
  }
}
