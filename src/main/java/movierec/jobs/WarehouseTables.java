package movierec.jobs;

import java.util.List;
import java.util.stream.Stream;
import movierec.evaluate.EvaluateTables;
import movierec.features.FeatureTables;
import movierec.ingest.IngestTables;
import movierec.io.Table;
import movierec.recommend.RecommendTables;
import movierec.similarity.NeighborTables;
import movierec.train.TrainTables;

/**
 * Every table of the warehouse: each stage's own declarations, in the order the pipeline writes
 * them. What the catalog registers, the preflight checks and the run manifests iterate; io only
 * ever sees the list.
 */
public final class WarehouseTables {
  public static final List<Table> ALL =
      Stream.of(
              IngestTables.ALL,
              FeatureTables.ALL,
              NeighborTables.ALL,
              TrainTables.ALL,
              RecommendTables.ALL,
              EvaluateTables.ALL)
          .flatMap(List::stream)
          .toList();

  private WarehouseTables() {}
}
