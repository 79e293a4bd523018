package movierec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import movierec.SparkTestSupport;
import movierec.model.FeatureTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ModelInputsTest {
  private static final SparkSession SPARK = SparkTestSupport.spark();
  private static final StructType RATINGS =
      new StructType()
          .add(TrainSchemas.USER_ID, DataTypes.IntegerType)
          .add(TrainSchemas.MOVIE_ID, DataTypes.IntegerType)
          .add(TrainSchemas.RATING, DataTypes.DoubleType);

  /**
   * The same ratings, read in another order (a Delta and a Parquet copy of a table differ so), give
   * the same lists in the same order: the history bags sum in that order, and the model's bytes
   * must not depend on the table's file layout.
   */
  @Test
  void listsDoNotDependOnTheOrderRowsArriveIn() {
    FeatureTable ft =
        new FeatureTable(
            new int[] {1, 2},
            new int[] {1, 2},
            new int[] {1, 1},
            new int[] {1, 1},
            new int[] {1, 1},
            new int[] {10, 20, 30, 40},
            new int[] {1, 2, 3, 4},
            new int[][] {{0}, {0}, {0}, {0}},
            new int[][] {{0}, {0}, {0}, {0}});
    List<Row> rows = new ArrayList<>();
    for (int movie : new int[] {30, 10, 40, 20}) {
      rows.add(RowFactory.create(1, movie, 0.1 * movie / 10 + 3));
      rows.add(RowFactory.create(2, movie, 5 - 0.1 * movie / 10));
    }
    ModelInputs.RatingLists one = ModelInputs.byUser(SPARK.createDataFrame(rows, RATINGS), ft);
    Collections.reverse(rows);
    ModelInputs.RatingLists other = ModelInputs.byUser(SPARK.createDataFrame(rows, RATINGS), ft);
    assertArrayEquals(new int[] {0, 1, 2, 3}, one.ids()[0], "movie rows in order");
    assertArrayEquals(new double[] {3.1, 3.2, 3.3, 3.4}, one.ratings()[0], 1e-12);
    for (int u = 0; u < 2; u++) {
      assertArrayEquals(one.ids()[u], other.ids()[u]);
      assertArrayEquals(one.ratings()[u], other.ratings()[u], 0.0);
    }
    assertEquals(Double.doubleToLongBits(one.mean()), Double.doubleToLongBits(other.mean()));
  }
}
