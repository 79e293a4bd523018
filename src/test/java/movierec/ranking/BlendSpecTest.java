package movierec.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlendSpecTest {
  @Test
  void theFittedPartIsFoundWhateverTheRowOrder() {
    // model_selection read back may list the vector model's weight first ("weight_ranker" sorts
    // before "weight_sparse_ease"): the blend must still take the fitted model first.
    List<MetricRow> rows =
        List.of(
            new MetricRow("ease", "ndcg", 10, 0.18),
            new MetricRow(ModelSelection.BLEND, "weight_ranker", null, 0.25),
            new MetricRow(ModelSelection.BLEND, "weight_sparse_ease", null, 0.75));
    ModelSelection.BlendSpec b = ModelSelection.BlendSpec.from(rows).orElseThrow();
    assertEquals(new ModelSelection.BlendSpec("sparse_ease", "ranker", 0.75), b);
  }
}
