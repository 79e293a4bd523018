package movierec.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import movierec.model.Batch;
import movierec.model.FeatureTable;
import movierec.model.ModelConfig;
import movierec.model.ModelState;
import movierec.model.TwoTowerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * User vectors of a model with a history input, recomputed from another history than the one the
 * train job wrote them from. The train job's user_vectors see the training ratings, which is what
 * the validation split is ranked against; the test split is ranked, for every model, from the
 * training and validation ratings, so evaluate gives such a model the same history here. On the
 * driver: one tower pass per user (ML-1M: 6,040 users, well under a second).
 */
public final class HistoryVectors {
  private static final int BATCH = 1024;

  /** user_id, vector: the columns the ranking evaluation reads. */
  public static final StructType SCHEMA =
      new StructType()
          .add(TrainSchemas.USER_ID, DataTypes.IntegerType, false)
          .add(TrainSchemas.VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private HistoryVectors() {}

  /**
   * @param history user_id, movie_id, rating: each user's history
   */
  public static Dataset<Row> users(
      SparkSession spark,
      ModelState state,
      Dataset<Row> users,
      Dataset<Row> movies,
      Dataset<Row> history) {
    int[] rated =
        history.select(TrainSchemas.USER_ID).distinct().collectAsList().stream()
            .mapToInt(r -> r.getInt(0))
            .sorted()
            .toArray();
    FeatureTable table =
        ModelInputs.table(
            state.space(),
            ModelInputs.withRatedOnly(ModelInputs.users(users), rated),
            ModelInputs.movies(movies),
            state.config().titleLength());
    FeatureTable ft = withHistories(table, ModelInputs.byUser(history, table), state.config());
    TwoTowerModel model = state.toModel();
    int dim = model.vectorDim();
    List<Row> out = new ArrayList<>();
    for (int s = 0; s < ft.users(); s += BATCH) {
      int n = Math.min(BATCH, ft.users() - s);
      Batch b = Batch.of(model, n);
      for (int i = 0; i < n; i++) {
        ft.fillUser(b, i, s + i, false);
      }
      b.setSize(n);
      double[] v = model.userTower(b);
      for (int i = 0; i < n; i++) {
        Float[] vec = new Float[dim];
        for (int k = 0; k < dim; k++) {
          vec[k] = (float) v[i * dim + k];
        }
        out.add(
            RowFactory.create(
                ft.userId(s + i), CollectionConverters.asScala(Arrays.asList(vec)).toList()));
      }
    }
    return spark.createDataFrame(out, SCHEMA);
  }

  /**
   * {@code table} with each user's movies ({@code byUser}: movie rows and ratings per user row)
   * and, when the model reads them, their ratings less their mean.
   */
  static FeatureTable withHistories(
      FeatureTable table, ModelInputs.RatingLists byUser, ModelConfig model) {
    return model.userRatingsDim() > 0
        ? table.withHistories(byUser.ids(), byUser.ratings(), byUser.mean())
        : table.withHistories(byUser.ids());
  }
}
