package movierec.bench;

import java.util.List;
import movierec.jobs.JobProvider;
import movierec.jobs.JobRegistry.Entry;

/** The benchmark jobs, on the command line when target/movierec-bench.jar is on the classpath. */
public final class BenchJobs implements JobProvider {
  @Override
  public List<Entry> jobs() {
    return List.of(
        new Entry(
            BenchSimilarityJob.NAME,
            "benchmark: our movie cosine vs MLlib columnSimilarities vs a SQL self-join",
            BenchSimilarityJob.Options::new),
        new Entry(
            BenchTrainJob.NAME,
            "benchmark: training samples/s of the embedding regressor",
            BenchTrainJob.Options::new),
        new Entry(
            BenchTrainShapeJob.NAME,
            "benchmark: one replica's training steps at each size's shape (synthetic, no Spark)",
            BenchTrainShapeJob.Options::new),
        new Entry(
            BenchScaleJob.NAME,
            "benchmark: generated data at growing sizes through the pipeline's stages",
            BenchScaleJob.Options::new),
        new Entry(
            BenchRecommendJob.NAME,
            "benchmark: every user's top-n from factors, ours vs MLlib recommendForAllUsers",
            BenchRecommendJob.Options::new));
  }
}
