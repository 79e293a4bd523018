package movierec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import movierec.SparkTestSupport;
import movierec.ingest.IngestSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  private static final SparkSession SPARK = SparkTestSupport.spark();

  private static Map<Integer, Double> byId(Dataset<Row> biases) {
    Map<Integer, Double> m = new HashMap<>();
    biases.collectAsList().forEach(r -> m.put(r.getInt(0), r.getDouble(1)));
    return m;
  }

  @Test
  void oneSweepByHand() {
    // mean 4; movie biases (user biases 0): m1 = (1 + 0) / 2 = 0.5, m2 = (3 - 4) / 1 = -1;
    // user biases: u1 = ((5 - 4 - 0.5) + (3 - 4 + 1)) / 2 = 0.25, u2 = (4 - 4 - 0.5) / 1 = -0.5.
    Dataset<Row> train =
        SPARK.createDataFrame(
            List.of(
                RowFactory.create(1, 1, 5.0, null),
                RowFactory.create(1, 2, 3.0, null),
                RowFactory.create(2, 1, 4.0, null)),
            IngestSchemas.RATINGS);
    Baselines.Biases b = Baselines.fitBiases(train, 0.0, 1);
    assertEquals(4.0, b.mean(), 1e-12);
    assertEquals(Map.of(1, 0.5, 2, -1.0), byId(b.movies()));
    assertEquals(Map.of(1, 0.25, 2, -0.5), byId(b.users()));
    Dataset<Row> unseen =
        SPARK.createDataFrame(List.of(RowFactory.create(9, 1, 2.0, null)), IngestSchemas.RATINGS);
    double p = b.predict(unseen).first().getAs(Baselines.PREDICTION);
    assertEquals(4.5, p, 1e-12, "an unknown user gets no bias");
    Baselines.Biases shrunk = Baselines.fitBiases(train, 2.0, 1);
    assertEquals(0.25, byId(shrunk.movies()).get(1), 1e-12, "lambda shrinks: (1 + 0) / (2 + 2)");
  }

  @Test
  void predictionsAreClippedToTheScaleOfTheDataNotToOneToFive() {
    // Half stars from 0.5: a prediction below 1 stands, one below 0.5 is clipped to 0.5.
    Dataset<Row> train =
        SPARK.createDataFrame(
            List.of(
                RowFactory.create(1, 1, 0.5, null),
                RowFactory.create(1, 2, 0.5, null),
                RowFactory.create(2, 1, 4.5, null)),
            IngestSchemas.RATINGS);
    RatingScale scale = RatingScale.of(train);
    assertEquals(new RatingScale(0.5, 4.5), scale);
    assertEquals(0.7, scale.clip(0.7), 0);
    assertEquals(0.5, scale.clip(0.2), 0);
    assertEquals(4.5, scale.clip(4.9), 0);
    Baselines.Biases b = Baselines.fitBiases(train, 0.0, 1);
    assertEquals(scale, b.scale());
    double lowest =
        b.predict(train)
            .agg(org.apache.spark.sql.functions.min(Baselines.PREDICTION))
            .first()
            .getDouble(0);
    assertEquals(0.5, lowest, 1e-9, "user 1's half stars are predicted below 1");
  }
}
