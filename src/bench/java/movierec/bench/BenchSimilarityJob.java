package movierec.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import movierec.cli.Converters;
import movierec.cli.UsageException;
import movierec.ingest.Ingest;
import movierec.jobs.AppConfig;
import movierec.jobs.Job;
import movierec.jobs.JobCommand;
import movierec.similarity.CoRatingSimilarity;
import movierec.similarity.Kind;
import movierec.similarity.NeighborSchemas;
import movierec.similarity.Neighbors;
import movierec.similarity.SimilarityConfig;
import movierec.similarity.StageSizes;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import picocli.CommandLine.Option;

/**
 * bench-similarity: movie-movie (or user-user) cosine top-k on {@code input.path}, three ways in
 * one run, with the ratios printed: ours ({@link CoRatingSimilarity}), Spark MLlib's exact {@code
 * RowMatrix.columnSimilarities()} plus a top-k, and a Spark SQL self-join of ratings on user id
 * with a group-by. Then the heavy-user cap's effect on time and on recall of the exact top-k.
 */
public final class BenchSimilarityJob implements Job {
  public static final String NAME = "bench-similarity";

  private final AppConfig config;
  private final List<Integer> caps;
  private final boolean selfJoin;
  private final boolean mllib;
  private final boolean movieSide;
  private final int runs;
  private final boolean shufflePlan;
  private final Set<Kind> kinds;

  /** bench-similarity's options. */
  static final class Options extends JobCommand {
    @Option(
        names = "--caps",
        paramLabel = "N,N,...|none",
        description =
            "Per-user caps of the capped runs, comma-separated; none skips them (default:"
                + " ${DEFAULT-VALUE}).")
    String caps = "200,100";

    @Option(names = "--skip-self-join", description = "Do not run the SQL self-join.")
    boolean skipSelfJoin;

    @Option(
        names = "--skip-mllib",
        description = "Do not run MLlib's columnSimilarities (nor compare scores with it).")
    boolean skipMllib;

    @Option(
        names = "--side",
        paramLabel = "movie|user",
        description =
            "Which similarity: movie-movie (cost: the users' squared activity) or user-user (the"
                + " movies' squared popularity) (default: ${DEFAULT-VALUE}).")
    String side = "movie";

    @Option(
        names = "--runs",
        paramLabel = "N",
        converter = Converters.PositiveInt.class,
        description =
            "Timed runs of the exact method; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs = 3;

    @Option(
        names = "--skip-shuffle-plan",
        description =
            "Do not time the shuffle plan against ours when ours broadcasts the ratings"
                + " (similarity.plan).")
    boolean skipShufflePlan;

    @Option(
        names = "--kinds",
        paramLabel = "K,K,...",
        split = ",",
        description = "Co-rating kinds computed (default: cosine; MLlib's is cosine).")
    List<String> kinds = List.of("cosine");

    @Override
    public Job create(AppConfig config, LocalDate runDate) {
      List<Integer> c;
      try {
        c =
            caps.equals("none")
                ? List.of()
                : Arrays.stream(caps.split(",")).map(String::strip).map(Integer::valueOf).toList();
      } catch (NumberFormatException e) {
        throw new UsageException("--caps takes numbers separated by commas, got " + caps);
      }
      if (!side.equals("movie") && !side.equals("user")) {
        throw new UsageException("--side is movie or user, got " + side);
      }
      Set<Kind> k = EnumSet.noneOf(Kind.class);
      for (String name : kinds) {
        if (!SimilarityConfig.CO_RATING_KINDS.contains(name)) {
          throw new UsageException(
              "--kinds takes " + SimilarityConfig.CO_RATING_KINDS + ", got " + name);
        }
        k.add(Kind.of(name));
      }
      if (!k.contains(Kind.COSINE)) {
        throw new UsageException("--kinds must include cosine (the lists compared are cosine's)");
      }
      return new BenchSimilarityJob(
          config, c, !skipSelfJoin, !skipMllib, side.equals("movie"), runs, !skipShufflePlan, k);
    }
  }

  BenchSimilarityJob(
      AppConfig config,
      List<Integer> caps,
      boolean selfJoin,
      boolean mllib,
      boolean movieSide,
      int runs,
      boolean shufflePlan,
      Set<Kind> kinds) {
    this.shufflePlan = shufflePlan;
    this.kinds = Set.copyOf(kinds);
    this.config = config;
    this.caps = List.copyOf(caps);
    this.selfJoin = selfJoin;
    this.mllib = mllib;
    this.movieSide = movieSide;
    this.runs = runs;
  }

  @Override
  public void run(SparkSession spark) {
    SimilarityConfig s = config.similarity();
    int k = s.k();
    Ingest.Result ingested = Ingest.run(spark, config.input());
    Dataset<Row> ratings = ingested.ratings().cache();
    long n = ratings.count();
    ingested.unpersist();
    // One scratch directory: the Parquet copy every method reads (uncached: Spark 4.2 fails to
    // plan a self-join of a cached relation, "key not found" in InMemoryRelation) and each timed
    // run's top-k lists, which the recall then reads, so a run of many minutes is not paid twice.
    Path scratch = new Path(config.warehousePath(), "_bench_similarity_" + UUID.randomUUID());
    Path copy = new Path(scratch, "input");
    CoRatingSimilarity.input(ratings, movieSide).write().parquet(copy.toString());
    Dataset<Row> input = spark.read().parquet(copy.toString());
    int block =
        s.blockSize()
            .orElse(
                StageSizes.blockFor(
                    (int) input.select(CoRatingSimilarity.ENTITY).distinct().count()));
    BenchReport report =
        new BenchReport(NAME, "./submit.sh " + NAME + " --conf input.path=...")
            .setting("input", config.input().path())
            .setting("side", movieSide ? "movie" : "user")
            .setting("master", spark.sparkContext().master())
            .setting("similarity.block-size", block)
            .setting("similarity.plan", s.plan())
            .setting("kinds", kinds)
            .setting("similarity.k", k)
            .setting("runs of ours", runs)
            .setting("heavy caps", caps);
    Timer timer = new Timer(spark, scratch, report);
    report.line(
        "bench-similarity (%s-%s) on %s: %d ratings, master %s, parallelism %d, k=%d, block size"
            + " %d",
        movieSide ? "movie" : "user",
        movieSide ? "movie" : "user",
        config.input().path(),
        n,
        spark.sparkContext().master(),
        spark.sparkContext().defaultParallelism(),
        k,
        block);

    CoRatingSimilarity.Params exact = params(s, block, 0);
    CoRatingSimilarity.Plan plan = s.plan();
    boolean broadcasts = CoRatingSimilarity.broadcasts(spark, plan, n);
    report.line(
        "ours: the %s plan (similarity.plan %s)",
        broadcasts ? "broadcast" : "shuffle", plan.name().toLowerCase(java.util.Locale.ROOT));
    // One untimed run first, so that no method pays for the JIT and Spark's first-job costs;
    // with --runs 1 (runs of many minutes) those costs are noise and the warm-up is skipped.
    if (runs > 1) {
      timer.timed("warm-up (ours)", new AtomicLong(), () -> ourTopK(spark, input, exact, k, plan));
    }
    AtomicLong peak = new AtomicLong();
    // Ours takes seconds, so run-to-run noise matters: the median of (by default) three runs. The
    // baselines take minutes and run once.
    double[] times = new double[runs];
    for (int r = 0; r < times.length; r++) {
      times[r] =
          timer.timed("ours run " + (r + 1), peak, () -> ourTopK(spark, input, exact, k, plan));
    }
    Arrays.sort(times);
    double ours = times[runs / 2];
    report.line("%-18s %8.2f s (median of %d)", "ours", ours, runs);
    Dataset<Row> oursRows = timer.written("ours run " + runs);
    long formula = formulaBytes(block, k, spark.sparkContext().defaultParallelism());
    report.line(
        "  peak live-heap growth during ours: %d MB; documented bound for %d concurrent tasks:"
            + " %d MB (accumulators, top-k heaps, emitted candidates; Spark's shuffle buffers"
            + " not counted)",
        peak.get() >> 20, spark.sparkContext().defaultParallelism(), formula >> 20);

    if (broadcasts && shufflePlan) {
      double[] shuffled = new double[runs];
      for (int r = 0; r < runs; r++) {
        shuffled[r] =
            timer.timed(
                "shuffle plan run " + (r + 1),
                new AtomicLong(),
                () -> ourTopK(spark, input, exact, k, CoRatingSimilarity.Plan.SHUFFLE));
      }
      Arrays.sort(shuffled);
      report.line("%-18s %8.2f s (median of %d)", "shuffle plan", shuffled[runs / 2], runs);
      report.line("ratio shuffle plan/ours = %.2fx", shuffled[runs / 2] / ours);
    }
    if (selfJoin) {
      double sql = timer.timed("self-join", new AtomicLong(), () -> selfJoinTopK(spark, input, k));
      report.line("ratio self-join/ours = %.1fx", sql / ours);
    }
    if (mllib) {
      double mllibSecs = timer.timed("mllib", new AtomicLong(), () -> mllibTopK(spark, input, k));
      Dataset<Row> mllibRows = timer.written("mllib");
      report.line("ratio mllib/ours = %.1fx", mllibSecs / ours);

      Row diff =
          oursRows
              .join(
                  mllibRows.withColumnRenamed(NeighborSchemas.SCORE, "m"),
                  new String[] {NeighborSchemas.ID, NeighborSchemas.NEIGHBOR_ID},
                  "left")
              .selectExpr(
                  "max(abs(score - m)) as maxdiff",
                  "sum(case when m is null then 1 else 0 end) as missing")
              .first();
      report.line(
          "ours vs mllib top-%d: max |score difference| on shared pairs = %s; pairs of ours not"
              + " in mllib's top-k (ties at the cut) = %s",
          k, diff.get(0), diff.get(1));
    }
    Map<Integer, Set<Long>> truth = topSets(oursRows);
    for (int cap : caps) {
      String name = "ours cap=" + cap;
      double t =
          timer.timed(
              name, new AtomicLong(), () -> ourTopK(spark, input, params(s, block, cap), k, plan));
      Map<Integer, Set<Long>> got = topSets(timer.written(name));
      report.line(
          "  heavy-%s cap %d: %.2fx the exact time, recall of the exact top-%d = %.4f",
          movieSide ? "user" : "movie", cap, t / ours, k, recall(truth, got));
    }
    timer.close();
    ratings.unpersist();
    report.write(java.nio.file.Path.of("benchmarks"));
    try {
      scratch.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(scratch, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CoRatingSimilarity.Params params(SimilarityConfig s, int block, int cap) {
    return new CoRatingSimilarity.Params(
        block, s.k(), true, s.threshold(), 1, 0.0, cap, s.seed(), kinds);
  }

  /** {@link CoRatingSimilarity}'s documented peak per task, times the tasks running at once. */
  static long formulaBytes(int blockSize, int k, int concurrentTasks) {
    return concurrentTasks * CoRatingSimilarity.peakTaskBytes(blockSize, k, Set.of(Kind.COSINE));
  }

  private static Dataset<Row> ourTopK(
      SparkSession spark,
      Dataset<Row> input,
      CoRatingSimilarity.Params p,
      int k,
      CoRatingSimilarity.Plan plan) {
    return Neighbors.rank(spark, CoRatingSimilarity.compute(spark, input, p, null, plan), k)
        .filter(col(NeighborSchemas.KIND).equalTo(Kind.COSINE.code()))
        .select(NeighborSchemas.ID, NeighborSchemas.NEIGHBOR_ID, NeighborSchemas.SCORE);
  }

  private static Dataset<Row> mllibTopK(SparkSession spark, Dataset<Row> input, int k) {
    return rankCandidates(MllibCosine.pairs(spark, input), k)
        .select(NeighborSchemas.ID, NeighborSchemas.NEIGHBOR_ID, NeighborSchemas.SCORE);
  }

  /** The plain SQL way: join ratings with themselves on the user, group by movie pair. */
  private static Dataset<Row> selfJoinTopK(SparkSession spark, Dataset<Row> input, int k) {
    // Renamed copies: a self-join of one cached plan trips Spark's attribute resolution.
    input.toDF("i", "u", "x").createOrReplaceTempView("bench_a");
    input.toDF("j", "v", "y").createOrReplaceTempView("bench_b");
    input.toDF("e", "o", "z").createOrReplaceTempView("bench_n");
    Dataset<Row> candidates =
        spark.sql(
            "WITH dots AS (SELECT i, j, SUM(x * y) AS dot, COUNT(*) AS n"
                + " FROM bench_a JOIN bench_b ON u = v AND i < j GROUP BY i, j),"
                + " norms AS (SELECT e, SQRT(SUM(z * z)) AS norm FROM bench_n GROUP BY e),"
                + " sims AS (SELECT d.i, d.j, d.dot / (ni.norm * nj.norm) AS s, d.n FROM dots d"
                + " JOIN norms ni ON d.i = ni.e JOIN norms nj ON d.j = nj.e)"
                + " SELECT i AS id, j AS neighbor_id, 'cosine' AS kind, s AS score,"
                + " CAST(n AS INT) AS co_count FROM sims"
                + " UNION ALL SELECT j, i, 'cosine', s, CAST(n AS INT) FROM sims");
    return rankCandidates(candidates, k)
        .select(NeighborSchemas.ID, NeighborSchemas.NEIGHBOR_ID, NeighborSchemas.SCORE);
  }

  /**
   * Times plans run to the end, each written as Parquet under the scratch directory (a top-k list
   * is small next to the work that makes it), and measures each with the {@link StageMeter}.
   */
  private static final class Timer implements AutoCloseable {
    private final BenchReport report;
    private final SparkSession spark;
    private final Path scratch;
    private final StageMeter meter;

    Timer(SparkSession spark, Path scratch, BenchReport report) {
      this.report = report;
      this.spark = spark;
      this.scratch = scratch;
      this.meter = new StageMeter(spark);
    }

    /**
     * Prints and returns the wall time in seconds and raises {@code peakGrowth} to the live heap's
     * growth; the rows stay readable by {@link #written}.
     */
    double timed(String name, AtomicLong peakGrowth, Supplier<Dataset<Row>> plan) {
      meter.start();
      plan.get().write().mode("overwrite").parquet(path(name));
      StageMeter.Figures f = meter.stop();
      peakGrowth.accumulateAndGet(f.liveGrowthBytes(), Math::max);
      report.line("%-18s %8.2f s", name, f.seconds());
      return f.seconds();
    }

    Dataset<Row> written(String name) {
      return spark.read().parquet(path(name));
    }

    private String path(String name) {
      return new Path(scratch, name.replaceAll("[^A-Za-z0-9]+", "_")).toString();
    }

    @Override
    public void close() {
      meter.close();
    }
  }

  /**
   * Ranks candidate rows ({@link NeighborSchemas#CANDIDATES}) with a window: for the baselines,
   * which produce one row per pair (MLlib, the SQL self-join).
   */
  static Dataset<Row> rankCandidates(Dataset<Row> candidates, int k) {
    return candidates
        .withColumn(
            NeighborSchemas.RANK,
            row_number()
                .over(
                    Window.partitionBy(NeighborSchemas.ID, NeighborSchemas.KIND)
                        .orderBy(
                            col(NeighborSchemas.SCORE).desc(),
                            col(NeighborSchemas.NEIGHBOR_ID).asc())))
        .filter(col(NeighborSchemas.RANK).leq(k));
  }

  private static Map<Integer, Set<Long>> topSets(Dataset<Row> rows) {
    Map<Integer, Set<Long>> out = new HashMap<>();
    for (Row r : rows.collectAsList()) {
      out.computeIfAbsent(r.getInt(0), x -> new HashSet<>()).add((long) r.getInt(1));
    }
    return out;
  }

  /** Share of the exact lists' entries the approximate lists hold (a missing list holds none). */
  static double recall(Map<Integer, Set<Long>> truth, Map<Integer, Set<Long>> got) {
    long hit = 0;
    long total = 0;
    for (Map.Entry<Integer, Set<Long>> e : truth.entrySet()) {
      Set<Long> g = got.getOrDefault(e.getKey(), Set.of());
      total += e.getValue().size();
      hit += e.getValue().stream().filter(g::contains).count();
    }
    return total == 0 ? 1.0 : (double) hit / total;
  }
}
