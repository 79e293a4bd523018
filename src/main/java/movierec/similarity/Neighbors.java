package movierec.similarity;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/** Turns candidate neighbours from all block pairs into the ranked neighbour table. */
public final class Neighbors {
  private Neighbors() {}

  /**
   * Merges the lists of each (id, kind) from all block pairs and ranks them ({@link
   * NeighborSchemas#NEIGHBORS}): score descending, ties to the lower neighbour id, ranks 1..k
   * ({@code k <= 0} keeps all, for threshold mode). Lists are merged pairwise on the reduce side,
   * keeping k, so it holds at most k entries per (id, kind). No map-side combine: a block pair
   * emits one list per (id, kind) already, and combining would only buffer its output.
   */
  public static Dataset<Row> rank(SparkSession spark, JavaRDD<NeighborList> lists, int k) {
    int partitions = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    JavaRDD<Row> rows =
        lists
            .mapToPair(l -> new Tuple2<>(new Tuple2<>(l.id(), l.kind()), l))
            .combineByKey(
                l -> l,
                (a, b) -> NeighborList.merge(a, b, k),
                (a, b) -> NeighborList.merge(a, b, k),
                new HashPartitioner(partitions),
                false,
                null)
            .values()
            .flatMap(l -> rowsOf(l).iterator());
    return spark.createDataFrame(rows, NeighborSchemas.NEIGHBORS);
  }

  private static List<Row> rowsOf(NeighborList l) {
    List<Row> out = new ArrayList<>(l.size());
    for (int i = 0; i < l.size(); i++) {
      out.add(
          RowFactory.create(
              l.id(),
              l.neighbors()[i],
              l.kind(),
              l.scores()[i],
              l.coCounts() == null ? null : l.coCounts()[i],
              i + 1));
    }
    return out;
  }

  /**
   * The lists of several computations ranked together, the id column named {@code key} (movie_id or
   * user_id, as the table says).
   */
  public static Dataset<Row> rankAll(
      SparkSession spark, List<JavaRDD<NeighborList>> parts, int k, String key) {
    JavaRDD<NeighborList> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.union(parts.get(i));
    }
    return rank(spark, all, k).withColumnRenamed(NeighborSchemas.ID, key);
  }
}
