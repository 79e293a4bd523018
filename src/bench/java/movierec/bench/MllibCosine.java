package movierec.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import java.util.Arrays;
import java.util.List;
import movierec.similarity.CoRatingSimilarity;
import movierec.similarity.Kind;
import movierec.similarity.NeighborSchemas;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.MatrixEntry;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Spark MLlib's exact {@code RowMatrix.columnSimilarities()} over the same (entity, other, value)
 * input as {@link CoRatingSimilarity}: the reference our cosine is checked and benchmarked against.
 * Others are the rows, entities the columns.
 */
public final class MllibCosine {
  private MllibCosine() {}

  /** Every pair with a non-zero cosine, both directions, as {@link NeighborSchemas#CANDIDATES}. */
  public static Dataset<Row> pairs(SparkSession spark, Dataset<Row> input) {
    int[] ids =
        input
            .select(CoRatingSimilarity.ENTITY)
            .distinct()
            .orderBy(CoRatingSimilarity.ENTITY)
            .as(Encoders.INT())
            .collectAsList()
            .stream()
            .mapToInt(Integer::intValue)
            .toArray();
    int m = ids.length;
    JavaRDD<Vector> rows =
        input
            .groupBy(CoRatingSimilarity.OTHER)
            .agg(
                collect_list(struct(col(CoRatingSimilarity.ENTITY), col(CoRatingSimilarity.VALUE))))
            .javaRDD()
            .map(r -> row(r.getList(1), ids, m));
    JavaRDD<Row> entries =
        new RowMatrix(rows.rdd())
            .columnSimilarities()
            .entries()
            .toJavaRDD()
            .flatMap(
                (MatrixEntry e) -> {
                  int i = ids[(int) e.i()];
                  int j = ids[(int) e.j()];
                  return List.of(
                          RowFactory.create(i, j, Kind.COSINE.code(), e.value(), null),
                          RowFactory.create(j, i, Kind.COSINE.code(), e.value(), null))
                      .iterator();
                });
    return spark.createDataFrame(entries, NeighborSchemas.CANDIDATES);
  }

  private static Vector row(List<Row> ratings, int[] ids, int m) {
    int n = ratings.size();
    long[] packed = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = ratings.get(i).getDouble(1);
      packed[i] = ((long) Arrays.binarySearch(ids, ratings.get(i).getInt(0)) << 32) | i;
    }
    Arrays.sort(packed);
    int[] idx = new int[n];
    double[] val = new double[n];
    for (int i = 0; i < n; i++) {
      idx[i] = (int) (packed[i] >>> 32);
      val[i] = values[(int) packed[i]];
    }
    return Vectors.sparse(m, idx, val);
  }
}
