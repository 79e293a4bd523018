package movierec.ranking;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.slice;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import movierec.similarity.TopK;
import movierec.train.RankingMetrics;
import movierec.train.TrainSchemas;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Full-ranking evaluation on one held-out split (validation, to choose the served model; test, for
 * the report): every user with at least one relevant held-out item (rating at least the threshold)
 * gets, from every model, a ranking of all catalog movies outside their history (the ratings the
 * models may use; no sampled negatives); the top K are scored against their relevant items. Users
 * are spread over tasks with the models broadcast; per-user results are averaged by Spark. Ties in
 * score go to the lower movie id.
 */
public final class RankingEvaluation {
  static final String HISTORY = "history";
  static final String RELEVANT = "relevant";
  static final String VALUES = "values";
  static final String TOP = "top";

  private static final StructType PER_USER =
      new StructType()
          .add(TrainSchemas.MODEL, DataTypes.StringType, false)
          .add(TrainSchemas.USER_ID, DataTypes.IntegerType, false)
          .add(VALUES, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
          .add(TOP, DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  private RankingEvaluation() {}

  /** The metrics each user contributes, in the order of their values. */
  public record Layout(List<String> metrics, List<Integer> ks) implements Serializable {
    static Layout of(List<Integer> ks, List<Integer> curveKs) {
      List<String> m = new ArrayList<>();
      List<Integer> k = new ArrayList<>();
      for (int c : ks) {
        for (String name :
            List.of("precision", "recall", "ndcg", "map", "hit_rate", "novelty", "diversity")) {
          m.add(name);
          k.add(c);
        }
      }
      for (int c : curveKs) {
        m.add("recall_curve");
        k.add(c);
      }
      return new Layout(List.copyOf(m), List.copyOf(k));
    }
  }

  /** What every task needs besides the users: the catalog and the models. */
  public record Context(
      Catalog catalog, long[] popularity, long trainUsers, List<ItemScorer> models)
      implements Serializable {}

  /**
   * The result: averaged metrics (NDCG and recall with their intervals, and each model's difference
   * against EASE's, when bootstrapped), coverage, the user counts, and per metric@k with an
   * interval ("ndcg@10") each model's value per user, users in id order.
   */
  public record Result(
      List<MetricRow> rows,
      long evaluated,
      long excluded,
      Map<String, Map<String, double[]>> perUser) {}

  /** The metrics given intervals (each at every k of the evaluation). */
  static final List<String> INTERVAL_METRICS = List.of("ndcg", "recall");

  /** The model every other model's difference is measured against ("ndcg_vs_ease"). */
  public static final String REFERENCE = Candidates.EASE;

  /** The metric of a model's paired difference against {@link #REFERENCE}'s. */
  public static String versusReference(String metric) {
    return metric + "_vs_" + REFERENCE;
  }

  /**
   * @param history user_id, movie_id: what the models may use and what is never ranked
   * @param heldOut user_id, movie_id, rating: the split the lists are scored against
   * @param vectors per vector model (in the order of ctx's vector models): id, vector rows
   * @param boot when non-null, NDCG and recall at every k get their intervals over users and each
   *     model's paired difference against EASE's is added
   */
  public static Result run(
      SparkSession spark,
      Dataset<Row> history,
      Dataset<Row> heldOut,
      List<Dataset<Row>> vectors,
      Context ctx,
      List<Integer> ks,
      List<Integer> curveKs,
      double threshold,
      Bootstrap boot) {
    Dataset<Row> histories =
        history.groupBy(TrainSchemas.USER_ID).agg(collect_list(TrainSchemas.MOVIE_ID).as(HISTORY));
    Dataset<Row> relevant =
        heldOut
            .filter(col(TrainSchemas.RATING).geq(threshold))
            .groupBy(TrainSchemas.USER_ID)
            .agg(collect_list(TrainSchemas.MOVIE_ID).as(RELEVANT));
    long heldOutUsers = heldOut.select(TrainSchemas.USER_ID).distinct().count();
    Dataset<Row> cases = relevant.join(histories, new String[] {TrainSchemas.USER_ID}, "left");
    for (int v = 0; v < vectors.size(); v++) {
      cases =
          cases.join(
              vectors
                  .get(v)
                  .select(col(TrainSchemas.USER_ID), col(TrainSchemas.VECTOR).as("v" + v)),
              new String[] {TrainSchemas.USER_ID},
              "left");
    }
    // Counted and then ranked: persisted so the joins above run once.
    cases = cases.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    long evaluated = cases.count();
    Layout layout = Layout.of(ks, curveKs);
    int maxK =
        Math.max(
            ks.stream().max(Integer::compare).orElseThrow(),
            curveKs.stream().max(Integer::compare).orElse(0));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Context> bc = jsc.broadcast(ctx);
    try {
      JavaRDD<Row> perUser =
          cases
              .javaRDD()
              .mapPartitions(
                  it -> {
                    Context c = bc.value();
                    int block = TopItems.blockUsers(c.catalog().size());
                    List<Row> out = new ArrayList<>();
                    List<Row> users = new ArrayList<>(block);
                    while (it.hasNext()) {
                      users.add(it.next());
                      if (users.size() == block || !it.hasNext()) {
                        evaluate(users, c, layout, maxK, out);
                        users.clear();
                      }
                    }
                    return out.iterator();
                  });
      Dataset<Row> results = spark.createDataFrame(perUser, PER_USER).cache();
      List<MetricRow> rows = new ArrayList<>();
      for (Row r :
          results
              .select(col(TrainSchemas.MODEL), posexplode(col(VALUES)))
              .groupBy(TrainSchemas.MODEL, "pos")
              .avg("col")
              .orderBy(TrainSchemas.MODEL, "pos")
              .collectAsList()) {
        int pos = r.getInt(1);
        rows.add(
            new MetricRow(
                r.getString(0), layout.metrics().get(pos), layout.ks().get(pos), r.getDouble(2)));
      }
      for (int k : ks) {
        for (Row r :
            results
                .select(col(TrainSchemas.MODEL), explode(slice(col(TOP), 1, k)).as("movie"))
                .distinct()
                .groupBy(TrainSchemas.MODEL)
                .count()
                .orderBy(TrainSchemas.MODEL)
                .collectAsList()) {
          rows.add(
              new MetricRow(
                  r.getString(0), "coverage", k, (double) r.getLong(1) / ctx.catalog().size()));
        }
      }
      Map<String, Map<String, double[]>> values = Map.of();
      if (boot != null) {
        values = perUser(results, layout);
        rows = withIntervals(rows, values, boot);
      }
      results.unpersist();
      return new Result(rows, evaluated, heldOutUsers - evaluated, values);
    } finally {
      bc.destroy();
      cases.unpersist();
    }
  }

  /** Each model's per-user values of the interval metrics, users in id order, by "metric@k". */
  private static Map<String, Map<String, double[]>> perUser(Dataset<Row> results, Layout layout) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < layout.metrics().size(); i++) {
      if (INTERVAL_METRICS.contains(layout.metrics().get(i))) {
        positions.add(i);
      }
    }
    org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[positions.size() + 1];
    cols[0] = col(TrainSchemas.MODEL);
    for (int i = 0; i < positions.size(); i++) {
      cols[i + 1] = col(VALUES).getItem(positions.get(i));
    }
    Map<String, List<double[]>> byModel = new java.util.TreeMap<>();
    for (Row r :
        results.orderBy(TrainSchemas.USER_ID, TrainSchemas.MODEL).select(cols).collectAsList()) {
      double[] v = new double[positions.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.getDouble(i + 1);
      }
      byModel.computeIfAbsent(r.getString(0), m -> new ArrayList<>()).add(v);
    }
    Map<String, Map<String, double[]>> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < positions.size(); i++) {
      int p = positions.get(i);
      String key = layout.metrics().get(p) + "@" + layout.ks().get(p);
      Map<String, double[]> m = new java.util.TreeMap<>();
      int at = i;
      byModel.forEach(
          (model, users) -> m.put(model, users.stream().mapToDouble(v -> v[at]).toArray()));
      out.put(key, m);
    }
    return out;
  }

  /** The rows with their intervals, and each model's difference against EASE's added. */
  private static List<MetricRow> withIntervals(
      List<MetricRow> rows, Map<String, Map<String, double[]>> perUser, Bootstrap boot) {
    List<MetricRow> out = new ArrayList<>();
    for (MetricRow r : rows) {
      Map<String, double[]> byModel = r.k() == null ? null : perUser.get(r.metric() + "@" + r.k());
      out.add(
          byModel != null && byModel.containsKey(r.model())
              ? r.with(boot.of(byModel.get(r.model())))
              : r);
    }
    perUser.forEach(
        (key, byModel) -> {
          double[] reference = byModel.get(REFERENCE);
          if (reference == null) {
            return;
          }
          String metric = key.substring(0, key.indexOf('@'));
          int k = Integer.parseInt(key.substring(key.indexOf('@') + 1));
          byModel.forEach(
              (model, values) -> {
                if (!model.equals(REFERENCE) && values.length == reference.length) {
                  Bootstrap.Interval d = boot.difference(values, reference);
                  out.add(
                      new MetricRow(
                          model, versusReference(metric), k, d.mean(), d.low(), d.high()));
                }
              });
        });
    return out;
  }

  /**
   * One block of users: every model scores the whole block at once ({@link ItemScorer#scoreBlock}),
   * then each user's top maxK is measured. Rows come out user by user, each user's models in the
   * context's order.
   */
  private static void evaluate(List<Row> block, Context c, Layout layout, int maxK, List<Row> out) {
    int users = block.size();
    int size = c.catalog().size();
    int[][] relevant = new int[users][];
    int[][] history = new int[users][];
    for (int u = 0; u < users; u++) {
      Row row = block.get(u);
      relevant[u] = c.catalog().indices(row.getList(1));
      history[u] = row.isNullAt(2) ? new int[0] : c.catalog().indices(row.getList(2));
    }
    Row[][] results = new Row[users][c.models().size()];
    float[] scores = new float[users * size];
    int v = 0;
    for (int m = 0; m < c.models().size(); m++) {
      ItemScorer s = c.models().get(m);
      float[][] vectors = null;
      if (s.needsVector()) {
        int col = 3 + v++;
        vectors = new float[users][];
        for (int u = 0; u < users; u++) {
          vectors[u] =
              block.get(u).isNullAt(col) ? null : TopItems.vector(block.get(u).getList(col));
        }
      }
      s.scoreBlock(history, vectors, users, scores);
      for (int u = 0; u < users; u++) {
        if (relevant[u].length == 0) {
          continue;
        }
        TopK top = TopItems.best(scores, u * size, size, history[u], maxK);
        int[] order = top.bestFirst();
        int[] ranked = new int[order.length];
        Integer[] movieIds = new Integer[order.length];
        for (int i = 0; i < order.length; i++) {
          ranked[i] = top.neighbor(order[i]);
          movieIds[i] = c.catalog().ids()[ranked[i]];
        }
        Double[] values = new Double[layout.metrics().size()];
        for (int k = 0; k < values.length; k++) {
          values[k] = value(layout.metrics().get(k), layout.ks().get(k), ranked, relevant[u], c);
        }
        results[u][m] =
            RowFactory.create(
                s.name(),
                block.get(u).getInt(0),
                scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(values)).toSeq(),
                scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(movieIds)).toSeq());
      }
    }
    for (Row[] user : results) {
      for (Row r : user) {
        if (r != null) {
          out.add(r);
        }
      }
    }
  }

  static double value(String metric, int k, int[] ranked, int[] relevant, Context c) {
    return switch (metric) {
      case "precision" -> RankingMetrics.precision(ranked, relevant, k);
      case "recall", "recall_curve" -> RankingMetrics.recall(ranked, relevant, k);
      case "ndcg" -> RankingMetrics.ndcg(ranked, relevant, k);
      case "map" -> RankingMetrics.averagePrecision(ranked, relevant, k);
      case "hit_rate" -> RankingMetrics.hitRate(ranked, relevant, k);
      case "novelty" -> ListQuality.novelty(ranked, k, c.popularity(), c.trainUsers());
      case "diversity" -> ListQuality.genreDiversity(ranked, k, c.catalog().genreMasks());
      default -> throw new IllegalArgumentException("unknown metric " + metric);
    };
  }
}
