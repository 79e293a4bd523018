package movierec.jobs;

import static org.apache.parquet.filter2.predicate.FilterApi.and;
import static org.apache.parquet.filter2.predicate.FilterApi.binaryColumn;
import static org.apache.parquet.filter2.predicate.FilterApi.booleanColumn;
import static org.apache.parquet.filter2.predicate.FilterApi.eq;
import static org.apache.parquet.filter2.predicate.FilterApi.intColumn;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import movierec.cli.NotFoundException;
import movierec.ingest.IngestSchemas;
import movierec.ingest.IngestTables;
import movierec.io.ParquetRows;
import movierec.io.Table;
import movierec.recommend.RecommendSchemas;
import movierec.recommend.RecommendTables;
import movierec.similarity.TopK;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * recommend-for: answers one question at a terminal from the latest run's tables (on or before
 * --run-date) and prints titles, years and scores: a user's top movies, a movie's similar or
 * also-liked movies, or a new user's top movies from what they tell us. Reads Parquet directly (a
 * Delta table's current files through Delta Kernel), no Spark session, so an answer takes about a
 * second after the JVM starts.
 */
public final class RecommendForJob implements Job {
  public static final String NAME = "recommend-for";

  private static final Logger LOG = LoggerFactory.getLogger(RecommendForJob.class);

  private final AppConfig config;
  private final LocalDate runDate;
  private final RecommendForOptions options;
  private final PrintStream out;
  private Configuration hadoop = new Configuration();
  private LatestRun run;

  RecommendForJob(
      AppConfig config, LocalDate runDate, RecommendForOptions options, PrintStream out) {
    this.config = config;
    this.runDate = runDate;
    this.options = options.check();
    this.out = out;
  }

  @Override
  public void preflight(Configuration hadoopConf) {
    this.hadoop = hadoopConf;
  }

  @Override
  public boolean needsSpark() {
    return false;
  }

  /** The run whose partitions are read, found on first use. */
  private LatestRun run() {
    if (run == null) {
      run = new LatestRun(hadoop, config.warehousePath(), runDate);
    }
    return run;
  }

  /** A movie as printed. */
  record Movie(String title, Integer year, List<String> genres) {
    String label() {
      return title
          + (year == null ? "" : " (" + year + ")")
          + "  ["
          + String.join("|", genres)
          + "]";
    }
  }

  /** One line of an answer. */
  record Entry(int movieId, double score, String note) {}

  @Override
  public void run(SparkSession unused) {
    long start = ManagementFactory.getRuntimeMXBean().getUptime();
    Map<Integer, Movie> movies = movies();
    String header;
    List<Entry> entries;
    switch (options.question()) {
      case USER -> {
        // Without --model, the list recommend serves this user (its model chosen on validation).
        FilterPredicate which =
            and(
                eq(intColumn(RecommendSchemas.USER_ID), options.id()),
                options.model() != null
                    ? eq(binaryColumn(RecommendSchemas.MODEL), Binary.fromString(options.model()))
                    : eq(booleanColumn(RecommendSchemas.SERVED), true));
        header =
            "Top movies for user "
                + options.id()
                + " "
                + userLabel()
                + (options.model() != null
                    ? ", model " + options.model()
                    : ", served list (model " + servedModel(which) + ")");
        entries = list(RecommendTables.USER_TOP_MOVIES, which, RecommendSchemas.MOVIE_ID, null);
      }
      case SIMILAR, ALSO_LIKED -> {
        Movie m = movies.get(options.id());
        if (m == null) {
          throw new NotFoundException(
              "movie "
                  + options.id()
                  + " is not in the movies table of "
                  + run().date(IngestTables.MOVIES));
        }
        boolean similar = options.question() == RecommendForOptions.Question.SIMILAR;
        String method =
            options.method() != null
                ? options.method()
                : similar ? RecommendSchemas.BLENDED : RecommendSchemas.CO_RATING;
        header =
            (similar ? "Movies similar to " : "People who liked ")
                + m.label()
                + (similar ? "" : " also liked")
                + ", method "
                + method;
        entries =
            list(
                similar ? RecommendTables.SIMILAR_MOVIES : RecommendTables.ALSO_LIKED,
                and(
                    eq(intColumn(RecommendSchemas.MOVIE_ID), options.id()),
                    eq(binaryColumn(RecommendSchemas.METHOD), Binary.fromString(method))),
                RecommendSchemas.NEIGHBOR_ID,
                similar ? null : RecommendSchemas.SUPPORT);
      }
      case NEW_USER -> {
        String model = options.model() != null ? options.model() : config.recommend().vectorModel();
        header = "Top movies for a new user " + options.newUser() + ", model " + model;
        entries =
            NewUserAnswer.entries(run(), options, config.recommend().minRatings(), model, movies);
      }
      default -> throw new IllegalStateException(options.question().toString());
    }
    if (entries.isEmpty()) {
      throw new NotFoundException(
          "no list for this question in the tables (method or model unknown?): " + header);
    }
    if (options.pick() > 0) {
      entries = pick(entries, options.pick(), options.seed());
      header +=
          String.format(
              ", %d picked at random from the top %d (seed %d)",
              options.pick(), options.from(), options.seed());
    }
    out.println(header + ":");
    int rank = 1;
    for (Entry e : entries) {
      Movie m = movies.get(e.movieId());
      out.printf(
          Locale.ROOT,
          "%3d. %7.3f  %s%s%n",
          rank++,
          e.score(),
          m == null ? "movie " + e.movieId() : m.label(),
          e.note() == null ? "" : "  " + e.note());
    }
    LOG.info(
        "Answered in {} ms ({} ms after JVM start)",
        ManagementFactory.getRuntimeMXBean().getUptime() - start,
        ManagementFactory.getRuntimeMXBean().getUptime());
  }

  private Map<Integer, Movie> movies() {
    Map<Integer, Movie> out = new HashMap<>();
    ParquetRows.scan(
        run().files(IngestTables.MOVIES),
        hadoop,
        null,
        null,
        g ->
            out.put(
                g.getInteger(IngestSchemas.MOVIE_ID, 0),
                new Movie(
                    g.getString(IngestSchemas.TITLE, 0),
                    ParquetRows.isNull(g, IngestSchemas.YEAR)
                        ? null
                        : g.getInteger(IngestSchemas.YEAR, 0),
                    ParquetRows.strings(g, IngestSchemas.GENRES))));
    return out;
  }

  private String userLabel() {
    List<String> found = new ArrayList<>();
    ParquetRows.scan(
        run().files(IngestTables.USERS),
        hadoop,
        eq(intColumn(IngestSchemas.USER_ID), options.id()),
        null,
        g ->
            found.add(
                "("
                    + (ParquetRows.isNull(g, IngestSchemas.GENDER)
                        ? "?"
                        : g.getString(IngestSchemas.GENDER, 0))
                    + ", age "
                    + (ParquetRows.isNull(g, IngestSchemas.AGE)
                        ? "?"
                        : g.getInteger(IngestSchemas.AGE, 0))
                    + ", occupation "
                    + (ParquetRows.isNull(g, IngestSchemas.OCCUPATION)
                        ? "?"
                        : g.getInteger(IngestSchemas.OCCUPATION, 0))
                    + ")"));
    if (found.isEmpty()) {
      throw new NotFoundException(
          "user "
              + options.id()
              + " is not in the users table of "
              + run().date(IngestTables.USERS));
    }
    return found.get(0);
  }

  /** The pool of a stored list, in rank order. */
  private List<Entry> list(Table table, FilterPredicate filter, String idColumn, String support) {
    Map<Integer, Entry> byRank = new HashMap<>();
    ParquetRows.scan(
        run().files(table),
        hadoop,
        filter,
        null,
        g ->
            byRank.put(
                g.getInteger(RecommendSchemas.RANK, 0),
                new Entry(
                    g.getInteger(idColumn, 0),
                    g.getDouble(RecommendSchemas.SCORE, 0),
                    support == null ? null : "(" + g.getInteger(support, 0) + " users)")));
    List<Entry> out = new ArrayList<>();
    for (int r = 1; r <= options.pool() && byRank.containsKey(r); r++) {
      out.add(byRank.get(r));
    }
    return out;
  }

  /** The model of the rows {@code filter} selects in user_top_movies ("none" without rows). */
  private String servedModel(FilterPredicate filter) {
    String[] model = {"none"};
    ParquetRows.scan(
        run().files(RecommendTables.USER_TOP_MOVIES),
        hadoop,
        filter,
        null,
        g -> model[0] = g.getString(RecommendSchemas.MODEL, 0));
    return model[0];
  }

  /**
   * Picks {@code n} entries at random, weighted by score (floored at a small positive weight),
   * without replacement (Efraimidis and Spirakis: the n largest u^(1/w)); the same seed gives the
   * same picks. Returned in rank order.
   */
  static List<Entry> pick(List<Entry> pool, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] key = new double[pool.size()];
    for (int i = 0; i < key.length; i++) {
      double w = Math.max(pool.get(i).score(), 1e-6);
      key[i] = Math.pow(rnd.nextDouble(), 1 / w);
    }
    TopK best = new TopK(n);
    for (int i = 0; i < key.length; i++) {
      best.offer(key[i], i);
    }
    TreeSet<Integer> chosen = new TreeSet<>();
    for (int s : best.bestFirst()) {
      chosen.add(best.neighbor(s));
    }
    List<Entry> out = new ArrayList<>();
    chosen.forEach(i -> out.add(pool.get(i)));
    return out;
  }
}
