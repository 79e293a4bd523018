package movierec.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import movierec.ranking.MetricRow;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class MetricsTableTest {
  private static final List<Row> SELECTION =
      List.of(
          RowFactory.create("ease", "ndcg", 10, 0.18, "validation", false, 0.17, 0.19),
          RowFactory.create("blend", "ndcg", 10, 0.19, "validation", true, null, null));

  @Test
  void theServedModelIsTheOneSelectionMarks() {
    assertEquals("blend", MetricsTable.served(SELECTION));
    assertEquals("", MetricsTable.served(List.of(SELECTION.get(0))));
  }

  @Test
  void rowsKeepSelectionThenSplitsAndMarkOnlyTheServedModelsTestRows() {
    List<Row> rows =
        MetricsTable.rows(
            SELECTION,
            List.of(new MetricRow("embedding", "rmse", null, 0.85)),
            List.of(
                new MetricRow("blend", "ndcg", 10, 0.29, 0.27, 0.31),
                new MetricRow("ease", "ndcg", 10, 0.28)),
            List.of(new MetricRow("content", "genre_overlap", 10, 0.7)),
            "blend");
    assertEquals(
        List.of(
            "[ease,ndcg,10,0.18,validation,false,0.17,0.19]",
            "[blend,ndcg,10,0.19,validation,true,null,null]",
            "[embedding,rmse,null,0.85,validation,false,null,null]",
            "[blend,ndcg,10,0.29,test,true,0.27,0.31]",
            "[ease,ndcg,10,0.28,test,false,null,null]",
            "[content,genre_overlap,10,0.7,null,false,null,null]"),
        rows.stream().map(Row::toString).toList());
  }
}
