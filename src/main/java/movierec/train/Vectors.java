package movierec.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import movierec.model.Batch;
import movierec.model.FeatureTable;
import movierec.model.ModelState;
import movierec.model.TwoTowerModel;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The learned vectors of every user and movie of the feature table (rows of {@link
 * TrainSchemas#USER_VECTORS} and {@link TrainSchemas#MOVIE_VECTORS}), computed on the executors
 * from the broadcast model: tasks take ranges of feature rows, so no single task or the driver
 * holds all vectors (220,000 x 200 floats at ML-25M size). Cold-start entities (no training
 * ratings) go through the "unknown" id row and their attributes, and are flagged.
 */
public final class Vectors {
  private static final int BATCH = 1024;

  private Vectors() {}

  /** Which tower, and the table schema of its vectors. */
  public enum Side {
    USER(TrainSchemas.USER_ID, TrainSchemas.USER_VECTORS),
    MOVIE(TrainSchemas.MOVIE_ID, TrainSchemas.MOVIE_VECTORS);

    private final String key;
    private final StructType schema;

    Side(String key, StructType schema) {
      this.key = key;
      this.schema = schema;
    }

    /** The id column: user_id or movie_id. */
    public String key() {
      return key;
    }

    public StructType schema() {
      return schema;
    }
  }

  public static Dataset<Row> of(
      SparkSession spark,
      Side side,
      Broadcast<ModelState> model,
      Broadcast<FeatureTable> features,
      String name,
      int slices) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    FeatureTable ft = features.value();
    int n = side == Side.USER ? ft.users() : ft.movies();
    List<Integer> starts = new ArrayList<>();
    for (int s = 0; s < n; s += BATCH) {
      starts.add(s);
    }
    JavaRDD<Row> rows =
        jsc.parallelize(starts, Math.max(1, Math.min(slices, starts.size())))
            .mapPartitions(
                (Iterator<Integer> it) -> {
                  TwoTowerModel m = model.value().toModel();
                  List<Row> out = new ArrayList<>();
                  while (it.hasNext()) {
                    batch(m, features.value(), side, name, it.next(), out);
                  }
                  return out.iterator();
                });
    return spark.createDataFrame(rows, side.schema());
  }

  /**
   * An MLlib ALS model's factors (id, features) as vectors rows of {@code side}: no bias (ALS
   * predicts the dot product alone), never cold (ALS has no factors for what it did not train on).
   */
  public static Dataset<Row> ofFactors(Dataset<Row> factors, Side side, String name) {
    return factors.select(
        functions.lit(name).as(TrainSchemas.MODEL),
        functions.col("id").as(side.key()),
        functions.col("features").as(TrainSchemas.VECTOR),
        functions.lit(0f).as(TrainSchemas.BIAS),
        functions.lit(false).as(TrainSchemas.COLD_START));
  }

  private static void batch(
      TwoTowerModel m, FeatureTable ft, Side side, String name, int start, List<Row> out) {
    boolean users = side == Side.USER;
    int n = Math.min(BATCH, (users ? ft.users() : ft.movies()) - start);
    Batch b = Batch.of(m, n);
    for (int i = 0; i < n; i++) {
      if (users) {
        ft.fillUser(b, i, start + i, false);
      } else {
        ft.fillMovie(b, i, start + i, false);
      }
    }
    b.setSize(n);
    double[] v = users ? m.userTower(b) : m.movieTower(b, null);
    int dim = m.vectorDim();
    for (int i = 0; i < n; i++) {
      int row = start + i;
      int id = users ? ft.userId(row) : ft.movieId(row);
      double bias =
          users ? m.userBias(m.space().userIndex(id)) : m.movieBias(m.space().movieIndex(id));
      boolean cold = users ? ft.coldUser(row) : ft.coldMovie(row);
      List<Float> vec = new ArrayList<>(dim);
      for (int k = 0; k < dim; k++) {
        vec.add((float) v[i * dim + k]);
      }
      out.add(
          RowFactory.create(
              name, id, CollectionConverters.asScala(vec).toList(), (float) bias, cold));
    }
  }
}
