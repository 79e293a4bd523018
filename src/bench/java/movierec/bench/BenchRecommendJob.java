package movierec.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import movierec.cli.Converters;
import movierec.jobs.AppConfig;
import movierec.jobs.Job;
import movierec.jobs.JobCommand;
import movierec.model.Gemm;
import movierec.recommend.BlockedTopN;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * bench-recommend: the top-n movies of every user from factors of one rank, two ways in one run on
 * the same factors: ours ({@link BlockedTopN}: blocks multiplied with single-precision BLAS, a
 * bounded top-n per row) and Spark MLlib's {@code ALSModel.recommendForAllUsers(n)}, with the
 * fraction of (user, movie) pairs the two sets of lists share. The factors are seeded Gaussians of
 * the size's user and movie counts ({@link ScaleSize}). Also measures one core's sgemm rate on a
 * block of the same shape, the ceiling the kernel is compared with.
 */
public final class BenchRecommendJob implements Job {
  public static final String NAME = "bench-recommend";

  private static final StructType FACTORS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private final List<ScaleSize> sizes;
  private final int rank;
  private final int n;
  private final long seed;
  private final boolean mllib;

  /** bench-recommend's options. */
  static final class Options extends JobCommand {
    @Mixin ShapeSizes sizes = new ShapeSizes();

    @Option(
        names = "--rank",
        paramLabel = "D",
        converter = Converters.PositiveInt.class,
        description = "Factor dimension (default: ${DEFAULT-VALUE}).")
    int rank = 200;

    @Option(
        names = "--top",
        paramLabel = "N",
        converter = Converters.PositiveInt.class,
        description = "Movies per user (default: ${DEFAULT-VALUE}).")
    int top = 50;

    @Option(
        names = "--seed",
        paramLabel = "S",
        description = "Seed of the factors (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--skip-mllib", description = "Do not run MLlib (nor the overlap).")
    boolean skipMllib;

    @Override
    public Job create(AppConfig config, LocalDate runDate) {
      return new BenchRecommendJob(sizes.sizes(), rank, top, seed, !skipMllib);
    }
  }

  BenchRecommendJob(List<ScaleSize> sizes, int rank, int n, long seed, boolean mllib) {
    this.sizes = List.copyOf(sizes);
    this.rank = rank;
    this.n = n;
    this.seed = seed;
    this.mllib = mllib;
  }

  @Override
  public void run(SparkSession spark) {
    int cores = spark.sparkContext().defaultParallelism();
    double coreGflops = sgemmGflops(rank);
    BenchReport report =
        new BenchReport(NAME, "./submit.sh " + NAME + " --master 'local[2]' --sizes ...")
            .setting("master", spark.sparkContext().master())
            .setting("rank", rank)
            .setting("top", n)
            .setting("seed", seed)
            .setting("native BLAS", Gemm.isNative())
            .setting(
                "sgemm, one core, 256 x " + rank + " by " + rank + " x 4096",
                String.format(
                    "%.1f GFLOP/s (x %d cores = %.1f)", coreGflops, cores, coreGflops * cores));
    // Both methods once, untimed, at ML-1M's shape first: the JIT and Spark's first jobs are not
    // paid by whichever method a size times first.
    measure(spark, ScaleSize.find("1M").orElseThrow(), cores, coreGflops, null);
    for (ScaleSize size : sizes) {
      measure(spark, size, cores, coreGflops, report);
    }
    report.write(java.nio.file.Path.of("benchmarks"));
  }

  /** One size: ours, then MLlib's, on the same factors; figures to the report (none: warm-up). */
  private void measure(
      SparkSession spark, ScaleSize size, int cores, double coreGflops, BenchReport report) {
    int users = size.spec().users();
    int movies = size.spec().movies();
    Dataset<Row> u = factors(spark, users, seed).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> m = factors(spark, movies, seed + 1).persist(StorageLevel.MEMORY_AND_DISK());
    u.count();
    m.count();

    long t0 = System.nanoTime();
    Dataset<Row> ours =
        BlockedTopN.topN(spark, side(u), side(m), n, BlockedTopN.Blocks.AUTO, false)
            .persist(StorageLevel.MEMORY_AND_DISK());
    long oursRows = ours.count();
    double oursSeconds = (System.nanoTime() - t0) / 1e9;
    double flops = 2.0 * users * movies * rank;
    String line;
    if (mllib) {
      long t1 = System.nanoTime();
      ALSModel model = new ALSModel("bench-recommend", rank, u, m);
      model.setUserCol("user").setItemCol("movie");
      Dataset<Row> theirs =
          model
              .recommendForAllUsers(n)
              .select(col("user"), explode(col("recommendations")).as("r"))
              .select(col("user"), col("r.movie").as("movie"))
              .persist(StorageLevel.MEMORY_AND_DISK());
      theirs.count();
      double mllibSeconds = (System.nanoTime() - t1) / 1e9;
      long shared =
          ours.select(col(BlockedTopN.LEFT_ID).as("user"), col(BlockedTopN.RIGHT_ID).as("movie"))
              .join(theirs, new String[] {"user", "movie"})
              .count();
      double overlap = (double) shared / oursRows;
      line =
          String.format(
              "bench-recommend: %s ours %.1f s, mllib %.1f s, ratio %.2f, overlap %.4f",
              size.label(), oursSeconds, mllibSeconds, mllibSeconds / oursSeconds, overlap);
      theirs.unpersist();
    } else {
      line = String.format("bench-recommend: %s ours %.1f s", size.label(), oursSeconds);
    }
    ours.unpersist();
    u.unpersist();
    m.unpersist();
    if (report == null) {
      return;
    }
    report.line("%s", line);
    report.line(
        "  %s: %,d users x %,d movies x %d = %.2e flops; ours %.1f GFLOP/s, %.0f%% of %d cores'"
            + " sgemm",
        size.label(),
        users,
        movies,
        rank,
        flops,
        flops / oursSeconds / 1e9,
        100 * flops / oursSeconds / 1e9 / (coreGflops * cores),
        cores);
  }

  /** BlockedTopN's input columns from factor rows: no shift, nothing excluded. */
  private static Dataset<Row> side(Dataset<Row> f) {
    return f.select(
        col("id").as(BlockedTopN.ID),
        col("features").as(BlockedTopN.VECTOR),
        lit(0.0).as(BlockedTopN.SHIFT));
  }

  /** Ids 1..count, each with a Gaussian vector of its own seed (the same on every run). */
  private Dataset<Row> factors(SparkSession spark, int count, long s) {
    int d = rank;
    return spark.createDataFrame(
        spark
            .range(1, count + 1L)
            .map(
                (MapFunction<Long, Row>)
                    id -> {
                      SplittableRandom rnd = new SplittableRandom(s * 0x9E3779B97F4A7C15L + id);
                      Float[] v = new Float[d];
                      for (int k = 0; k < d; k++) {
                        v[k] = (float) (rnd.nextGaussian() * 0.1);
                      }
                      return RowFactory.create(
                          (int) (long) id,
                          scala.jdk.javaapi.CollectionConverters.asScala(List.of(v)).toSeq());
                    },
                Encoders.row(FACTORS))
            .javaRDD(),
        FACTORS);
  }

  /** One thread's sgemm rate on a 256-row tile against 4,096 vectors (the kernel's shape). */
  static double sgemmGflops(int dim) {
    int rows = 256;
    int cols = 4096;
    SplittableRandom rnd = new SplittableRandom(1);
    float[] a = new float[rows * dim];
    float[] b = new float[cols * dim];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rnd.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rnd.nextGaussian();
    }
    float[] c = new float[rows * cols];
    for (int w = 0; w < 3; w++) {
      Gemm.abt(a, 0, b, 0, c, rows, dim, cols);
    }
    int reps = 20;
    long t0 = System.nanoTime();
    for (int r = 0; r < reps; r++) {
      Gemm.abt(a, 0, b, 0, c, rows, dim, cols);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    return 2.0 * rows * cols * dim * reps / s / 1e9;
  }
}
