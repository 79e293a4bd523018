package movierec.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import movierec.cli.UsageException;
import movierec.config.AppConfig;
import movierec.ingest.Ingest;
import movierec.ingest.MovieLensFormat;
import movierec.similarity.CoRatingSimilarity;
import movierec.similarity.Kind;
import movierec.similarity.NeighborSchemas;
import movierec.similarity.Neighbors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.MatrixEntry;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * bench-similarity: movie-movie cosine top-k on {@code input.path}, three ways in one run, with the
 * ratios printed: ours ({@link CoRatingSimilarity}), Spark MLlib's exact {@code
 * RowMatrix.columnSimilarities()} plus a top-k, and a Spark SQL self-join of ratings on user id
 * with a group-by. Then the heavy-user cap's effect on time and on recall of the exact top-k.
 *
 * <p>Options: {@code --caps N,N,...} (default 200,100; "none" skips), {@code --skip-self-join}.
 */
public final class BenchSimilarityJob implements Job {
  public static final String NAME = "bench-similarity";

  private final AppConfig config;
  private final List<Integer> caps;
  private final boolean selfJoin;

  public BenchSimilarityJob(AppConfig config, LocalDate runDate, List<String> args) {
    this.config = config;
    List<Integer> c = List.of(200, 100);
    boolean sj = true;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--skip-self-join")) {
        sj = false;
      } else if (a.equals("--caps") && i + 1 < args.size()) {
        String v = args.get(++i);
        try {
          c =
              v.equals("none")
                  ? List.of()
                  : Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
          throw new UsageException("--caps takes numbers separated by commas, got " + v);
        }
      } else {
        throw new UsageException("bench-similarity does not take '" + a + "'");
      }
    }
    this.caps = c;
    this.selfJoin = sj;
  }

  @Override
  public void run(SparkSession spark) {
    AppConfig.SimilarityConfig s = config.similarity();
    int k = s.k();
    Path dir = new Path(config.input().path());
    MovieLensFormat format =
        MovieLensFormat.resolve(
            config.input().format(), dir, spark.sparkContext().hadoopConfiguration());
    Ingest.Result ingested = Ingest.run(spark, format, dir, config.input().charset());
    Dataset<Row> ratings = ingested.ratings().cache();
    long n = ratings.count();
    ingested.unpersist();
    Dataset<Row> input = SimilarityJob.coRatingInput(ratings, true).cache();
    input.count();
    out(
        "bench-similarity on %s: %d ratings, master %s, default parallelism %d, k=%d, block size %d",
        dir,
        n,
        spark.sparkContext().master(),
        spark.sparkContext().defaultParallelism(),
        k,
        s.blockSize());

    CoRatingSimilarity.Params exact = cosine(s, 0);
    AtomicLong peak = new AtomicLong();
    double ours = timed("ours", peak, () -> ourTopK(spark, input, exact, k));
    long formula = formulaBytes(s.blockSize(), k, spark.sparkContext().defaultParallelism());
    out(
        "  peak JVM heap growth during ours: %d MB; documented bound for %d concurrent tasks: %d MB"
            + " of accumulators and heaps (plus Spark's own buffers)",
        peak.get() >> 20, spark.sparkContext().defaultParallelism(), formula >> 20);

    double mllib = timed("mllib", new AtomicLong(), () -> mllibTopK(spark, input, k));
    out("ratio mllib/ours = %.1fx", mllib / ours);
    if (selfJoin) {
      double sql = timed("self-join", new AtomicLong(), () -> selfJoinTopK(spark, input, k));
      out("ratio self-join/ours = %.1fx", sql / ours);
    }

    Dataset<Row> oursRows = ourTopK(spark, input, exact, k).cache();
    Dataset<Row> mllibRows = mllibTopK(spark, input, k);
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
    out(
        "ours vs mllib over our top-%d pairs: max |difference| = %s, pairs missing from mllib = %s",
        k, diff.get(0), diff.get(1));

    Map<Integer, Set<Long>> truth = topSets(oursRows);
    for (int cap : caps) {
      double t =
          timed(
              "ours cap=" + cap, new AtomicLong(), () -> ourTopK(spark, input, cosine(s, cap), k));
      Map<Integer, Set<Long>> got = topSets(ourTopK(spark, input, cosine(s, cap), k));
      out(
          "  heavy-user cap %d: %.2fx the exact time, recall of the exact top-%d = %.4f",
          cap, t / ours, k, recall(truth, got));
    }
    oursRows.unpersist();
    input.unpersist();
    ratings.unpersist();
  }

  private static CoRatingSimilarity.Params cosine(AppConfig.SimilarityConfig s, int cap) {
    return new CoRatingSimilarity.Params(
        s.blockSize(), s.k(), true, s.threshold(), 1, 0.0, cap, s.seed(), EnumSet.of(Kind.COSINE));
  }

  /** Accumulators and top-k heaps of the co-rating tasks running at once (cosine only). */
  static long formulaBytes(int blockSize, int k, int concurrentTasks) {
    long cells = (long) blockSize * blockSize;
    return concurrentTasks * (cells * (4 + 8) + 2L * blockSize * k * 16);
  }

  private static Dataset<Row> ourTopK(
      SparkSession spark, Dataset<Row> input, CoRatingSimilarity.Params p, int k) {
    return Neighbors.rank(CoRatingSimilarity.compute(spark, input, p, null), k)
        .select(NeighborSchemas.ID, NeighborSchemas.NEIGHBOR_ID, NeighborSchemas.SCORE);
  }

  /** MLlib: users as sparse rows over movie columns; exact column cosine; then a top-k. */
  private static Dataset<Row> mllibTopK(SparkSession spark, Dataset<Row> input, int k) {
    int[] movies =
        input
            .select(CoRatingSimilarity.ENTITY)
            .distinct()
            .orderBy(CoRatingSimilarity.ENTITY)
            .as(Encoders.INT())
            .collectAsList()
            .stream()
            .mapToInt(Integer::intValue)
            .toArray();
    int m = movies.length;
    JavaRDD<Vector> rows =
        input
            .groupBy(CoRatingSimilarity.OTHER)
            .agg(
                collect_list(struct(col(CoRatingSimilarity.ENTITY), col(CoRatingSimilarity.VALUE))))
            .javaRDD()
            .map(
                r -> {
                  List<Row> l = r.getList(1);
                  int[] idx = new int[l.size()];
                  double[] val = new double[l.size()];
                  Integer[] order = new Integer[l.size()];
                  for (int i = 0; i < l.size(); i++) {
                    idx[i] = Arrays.binarySearch(movies, l.get(i).getInt(0));
                    val[i] = l.get(i).getDouble(1);
                    order[i] = i;
                  }
                  Arrays.sort(order, (a, b) -> Integer.compare(idx[a], idx[b]));
                  int[] si = new int[idx.length];
                  double[] sv = new double[idx.length];
                  for (int i = 0; i < idx.length; i++) {
                    si[i] = idx[order[i]];
                    sv[i] = val[order[i]];
                  }
                  return Vectors.sparse(m, si, sv);
                });
    JavaRDD<Row> entries =
        new RowMatrix(rows.rdd())
            .columnSimilarities()
            .entries()
            .toJavaRDD()
            .flatMap(
                (MatrixEntry e) -> {
                  int i = movies[(int) e.i()];
                  int j = movies[(int) e.j()];
                  return List.of(
                          RowFactory.create(i, j, Kind.COSINE.code(), e.value(), null),
                          RowFactory.create(j, i, Kind.COSINE.code(), e.value(), null))
                      .iterator();
                });
    return Neighbors.rank(spark.createDataFrame(entries, NeighborSchemas.CANDIDATES), k)
        .select(NeighborSchemas.ID, NeighborSchemas.NEIGHBOR_ID, NeighborSchemas.SCORE);
  }

  /** The plain SQL way: join ratings with themselves on the user, group by movie pair. */
  private static Dataset<Row> selfJoinTopK(SparkSession spark, Dataset<Row> input, int k) {
    input.createOrReplaceTempView("bench_ratings");
    Dataset<Row> candidates =
        spark.sql(
            "WITH dots AS (SELECT a.entity AS i, b.entity AS j, SUM(a.value * b.value) AS dot,"
                + " COUNT(*) AS n FROM bench_ratings a JOIN bench_ratings b"
                + " ON a.other = b.other AND a.entity < b.entity GROUP BY a.entity, b.entity),"
                + " norms AS (SELECT entity, SQRT(SUM(value * value)) AS norm FROM bench_ratings"
                + " GROUP BY entity),"
                + " sims AS (SELECT d.i, d.j, d.dot / (ni.norm * nj.norm) AS s, d.n FROM dots d"
                + " JOIN norms ni ON d.i = ni.entity JOIN norms nj ON d.j = nj.entity)"
                + " SELECT i AS id, j AS neighbor_id, 'cosine' AS kind, s AS score,"
                + " CAST(n AS INT) AS co_count FROM sims"
                + " UNION ALL SELECT j, i, 'cosine', s, CAST(n AS INT) FROM sims");
    return Neighbors.rank(candidates, k)
        .select(NeighborSchemas.ID, NeighborSchemas.NEIGHBOR_ID, NeighborSchemas.SCORE);
  }

  /** Runs the plan to the end (a no-op sink) and prints the wall time in seconds. */
  private static double timed(String name, AtomicLong peakGrowth, Supplier<Dataset<Row>> plan) {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    System.gc();
    long base = mem.getHeapMemoryUsage().getUsed();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peakGrowth.accumulateAndGet(mem.getHeapMemoryUsage().getUsed() - base, Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    plan.get().write().format("noop").mode("overwrite").save();
    double secs = (System.nanoTime() - t0) / 1e9;
    sampler.interrupt();
    out("%-18s %8.2f s", name, secs);
    return secs;
  }

  private static Map<Integer, Set<Long>> topSets(Dataset<Row> rows) {
    Map<Integer, Set<Long>> out = new HashMap<>();
    for (Row r : rows.collectAsList()) {
      out.computeIfAbsent(r.getInt(0), x -> new HashSet<>()).add((long) r.getInt(1));
    }
    return out;
  }

  private static double recall(Map<Integer, Set<Long>> truth, Map<Integer, Set<Long>> got) {
    long hit = 0;
    long total = 0;
    for (Map.Entry<Integer, Set<Long>> e : truth.entrySet()) {
      Set<Long> g = got.getOrDefault(e.getKey(), Set.of());
      total += e.getValue().size();
      hit += e.getValue().stream().filter(g::contains).count();
    }
    return total == 0 ? 1.0 : (double) hit / total;
  }

  private static void out(String fmt, Object... args) {
    System.out.println(String.format(fmt, args));
    System.out.flush();
  }
}
