package movierec.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads a table partition's Parquet files directly (parquet-hadoop, no Spark), for commands that
 * answer one question in well under a second: a Spark session alone takes seconds to start. The
 * filter is pushed down to row groups and pages; the projection, a Parquet message type, limits the
 * columns decoded.
 */
public final class ParquetRows {
  private ParquetRows() {}

  /** Calls {@code each} for every row of the partition directory's files that passes filter. */
  public static void scan(
      Path dir,
      Configuration conf,
      FilterPredicate filter,
      String projection,
      Consumer<Group> each) {
    try {
      scan(files(dir, conf), conf, filter, projection, each);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The same over a list of Parquet files (a Delta snapshot's, say). */
  public static void scan(
      List<Path> files,
      Configuration conf,
      FilterPredicate filter,
      String projection,
      Consumer<Group> each) {
    Configuration c = new Configuration(conf);
    if (projection != null) {
      c.set(ReadSupport.PARQUET_READ_SCHEMA, projection);
    }
    Path dir = files.isEmpty() ? null : files.get(0).getParent();
    try {
      for (Path file : files) {
        ParquetReader.Builder<Group> b =
            ParquetReader.builder(new GroupReadSupport(), file).withConf(c);
        if (filter != null) {
          b = b.withFilter(FilterCompat.get(filter));
        }
        try (ParquetReader<Group> reader = b.build()) {
          for (Group g = reader.read(); g != null; g = reader.read()) {
            each.accept(g);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The rows of the partition directory's files, from their footers: no row is read. */
  public static long count(Path dir, Configuration conf) {
    long rows = 0;
    try {
      for (Path file : files(dir, conf)) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
          rows += r.getRecordCount();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    return rows;
  }

  /** The Parquet files of a directory, in name order (what a partition's reader reads). */
  static List<Path> files(Path dir, Configuration conf) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    List<Path> out = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (st.isFile() && name.endsWith(".parquet") && !name.startsWith(".")) {
        out.add(st.getPath());
      }
    }
    out.sort(null);
    return out;
  }

  /** Whether a field is absent (null) in the row. */
  public static boolean isNull(Group g, String field) {
    return g.getFieldRepetitionCount(field) == 0;
  }

  /** The strings of an array column in Spark's Parquet layout (list / element). */
  public static List<String> strings(Group g, String field) {
    List<String> out = new ArrayList<>();
    if (!isNull(g, field)) {
      Group list = g.getGroup(field, 0);
      for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
        out.add(list.getGroup(0, i).getString(0, 0));
      }
    }
    return out;
  }

  /** The floats of an array column in Spark's Parquet layout. */
  public static float[] floats(Group g, String field) {
    Group list = g.getGroup(field, 0);
    int n = list.getFieldRepetitionCount(0);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = list.getGroup(0, i).getFloat(0, 0);
    }
    return out;
  }
}
