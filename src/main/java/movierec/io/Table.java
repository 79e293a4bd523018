package movierec.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One table of the warehouse: its name, the columns of a partition (the {@code run_date} partition
 * column aside) and the stage that writes it. Writes are checked against the columns (a job that
 * writes anything else is a bug), and so are reads (a partition written by another version of
 * movierec is refused with a message that says which stage to rerun).
 *
 * @param writtenBy the pipeline stage that writes the table
 * @param sortedBy the columns a partition's rows are written in order of, none for no order: a
 *     reader that filters on the leading column (an id) then reads a few pages of it, skipping the
 *     rest by Parquet's min/max statistics
 */
public record Table(String name, StructType schema, String writtenBy, List<String> sortedBy) {
  public Table {
    sortedBy = List.copyOf(sortedBy);
    for (String c : sortedBy) {
      if (!Arrays.asList(schema.fieldNames()).contains(c)) {
        throw new IllegalArgumentException(
            name + " is sorted by " + c + ", not one of its columns");
      }
    }
  }

  /** A table written in no particular order. */
  public Table(String name, StructType schema, String writtenBy) {
    this(name, schema, writtenBy, List.of());
  }

  /** {@code rows} in the declared order (unchanged when the table declares none). */
  Dataset<Row> sorted(Dataset<Row> rows) {
    return sortedBy.isEmpty()
        ? rows
        : rows.orderBy(sortedBy.stream().map(functions::col).toArray(Column[]::new));
  }

  /** The name, so a table reads naturally in messages. */
  @Override
  public String toString() {
    return name;
  }

  /** The columns of {@code actual} that differ from the declaration ("" when none do). */
  String differences(StructType actual, boolean allowExtra) {
    Map<String, String> declared = columns(schema);
    Map<String, String> found = columns(actual);
    List<String> out = new ArrayList<>();
    declared.forEach(
        (c, type) -> {
          if (!found.containsKey(c)) {
            out.add("no column " + c + " (" + type + ")");
          } else if (!found.get(c).equals(type)) {
            out.add("column " + c + " is " + found.get(c) + ", not " + type);
          }
        });
    if (!allowExtra) {
      found.keySet().stream()
          .filter(c -> !declared.containsKey(c))
          .forEach(c -> out.add("an undeclared column " + c + " (" + found.get(c) + ")"));
    }
    return String.join("; ", out);
  }

  /** Checks rows about to be written: exactly the declared columns and types. */
  void checkWritten(StructType actual) {
    String d = differences(actual, false);
    if (!d.isEmpty()) {
      throw new IllegalStateException(
          "bug: the "
              + writtenBy
              + " job writes table "
              + name
              + " with "
              + d
              + "; its declaration (Tables."
              + name.toUpperCase(java.util.Locale.ROOT)
              + ") and the job must agree");
    }
  }

  private static Map<String, String> columns(StructType s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (StructField f : s.fields()) {
      // Types without nullability: Parquet and Spark disagree on it, the values do not.
      out.put(f.name(), f.dataType().catalogString());
    }
    return out;
  }
}
