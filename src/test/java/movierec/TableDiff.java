package movierec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Whether two runs wrote the same rows: the non-numeric columns (ids, names, counts, ranks) must
 * match one to one, and every floating-point value (scalars, float arrays, ML vectors) lie within
 * {@link #TOLERANCE} of its counterpart; MLlib's ALS and Spark's aggregations may add in another
 * order on another cluster shape. Timing columns are left out.
 *
 * <p>Also a command, for comparing two pipeline runs before and after a refactoring:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/classpath.txt) movierec.TableDiff \
 *     WAREHOUSE_A WAREHOUSE_B RUN_DATE
 * </pre>
 *
 * prints each table's verdict and exits 1 when any differs.
 */
public final class TableDiff {
  /** Columns that measure time, not results. */
  private static final Set<String> TIMINGS =
      Set.of("seconds", "train_seconds", "samples_per_second");

  /** Relative to values of order 1 (RMSE, scores, tanh outputs, biases). */
  private static final double TOLERANCE = 1e-6;

  private TableDiff() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: TableDiff WAREHOUSE_A WAREHOUSE_B RUN_DATE");
      System.exit(2);
    }
    SparkSession spark = SparkTestSupport.spark();
    Path a = Path.of(args[0]);
    Path b = Path.of(args[1]);
    String partition = "run_date=" + args[2];
    boolean same = true;
    for (String t : tables(a)) {
      Path pa = a.resolve(t).resolve(partition);
      Path pb = b.resolve(t).resolve(partition);
      String diff =
          Files.isDirectory(pb)
              ? compare(spark.read().parquet(pb.toString()), spark.read().parquet(pa.toString()))
              : "missing in " + b;
      same &= diff.isEmpty();
      System.out.printf(
          "%-22s %s%n",
          t,
          diff.isEmpty() ? "same " + spark.read().parquet(pa.toString()).count() + " rows" : diff);
    }
    spark.stop();
    System.exit(same ? 0 : 1);
  }

  /** The tables of a warehouse (models and reports are files, not tables). */
  public static List<String> tables(Path warehouse) throws java.io.IOException {
    try (Stream<Path> dirs = Files.list(warehouse)) {
      return dirs.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("_") && !n.startsWith("."))
          .filter(n -> !n.equals("models") && !n.equals("reports"))
          .sorted()
          .toList();
    }
  }

  /** "" when the two hold the same rows, else what differs. */
  public static String compare(Dataset<Row> actual, Dataset<Row> expected) {
    List<String> keys = new ArrayList<>();
    List<StructField> values = new ArrayList<>();
    for (StructField f : expected.schema().fields()) {
      if (TIMINGS.contains(f.name())) {
        continue;
      }
      if (isFloating(f.dataType())) {
        values.add(f);
      } else {
        keys.add(f.name());
      }
    }
    Dataset<Row> a = side(actual, keys, values, "c_");
    Dataset<Row> b = side(expected, keys, values, "l_");
    long n = expected.count();
    long m = actual.count();
    if (n != m) {
      return "row count " + m + ", expected " + n;
    }
    Column on = functions.lit(true);
    for (String k : keys) {
      on = on.and(a.col("c_" + k).eqNullSafe(b.col("l_" + k)));
    }
    Dataset<Row> joined = a.join(b, on, "full_outer");
    // One pass: the rows on one side only, and each floating column's largest difference.
    List<Column> aggs = new ArrayList<>();
    aggs.add(
        functions.sum(
            functions
                .when(
                    functions.col("c_present").isNull().or(functions.col("l_present").isNull()), 1)
                .otherwise(0)));
    for (StructField f : values) {
      Column x = functions.col("c_" + f.name());
      Column y = functions.col("l_" + f.name());
      Column diff =
          f.dataType() instanceof ArrayType || f.dataType() instanceof UserDefinedType<?>
              ? functions.aggregate(
                  functions.zip_with(x, y, (p, q) -> functions.abs(p.minus(q))),
                  functions.lit(0.0),
                  (acc, d) -> functions.greatest(acc, d.cast("double")))
              : functions.abs(x.minus(y)).cast("double");
      aggs.add(functions.max(diff));
    }
    Row r = joined.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    long oneSided = r.isNullAt(0) ? 0 : r.getLong(0);
    if (oneSided > 0) {
      return oneSided + " rows on one side only (by " + keys + ")";
    }
    for (int i = 0; i < values.size(); i++) {
      double max = r.isNullAt(i + 1) ? 0.0 : r.getDouble(i + 1);
      if (!(max <= TOLERANCE)) {
        return values.get(i).name() + ": max |difference| " + max;
      }
    }
    return "";
  }

  private static boolean isFloating(DataType t) {
    return t.equals(DataTypes.DoubleType)
        || t.equals(DataTypes.FloatType)
        || t instanceof UserDefinedType<?>
        || (t instanceof ArrayType a
            && (a.elementType().equals(DataTypes.FloatType)
                || a.elementType().equals(DataTypes.DoubleType)));
  }

  private static Dataset<Row> side(
      Dataset<Row> d, List<String> keys, List<StructField> values, String prefix) {
    List<Column> cols = new ArrayList<>();
    cols.add(functions.lit(true).as(prefix + "present"));
    for (String k : keys) {
      cols.add(functions.col(k).as(prefix + k));
    }
    for (StructField f : values) {
      Column c = functions.col(f.name());
      if (f.dataType() instanceof UserDefinedType<?>) {
        c = org.apache.spark.ml.functions.vector_to_array(c, "float64");
      }
      cols.add(c.as(prefix + f.name()));
    }
    return d.select(cols.toArray(new Column[0]));
  }
}
