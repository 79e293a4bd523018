package movierec.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Reads a text file into tagged rows ({@link IngestSchemas#tagged}): one row per line, never more,
 * never fewer, whether the line parses or not.
 *
 * <p>Lines are read as raw bytes through Hadoop's {@code TextInputFormat} (so the file splits
 * across tasks, and any Hadoop file system works) and decoded here, strictly, in the file's own
 * charset: Spark's text source would decode everything as UTF-8 and hide undecodable bytes. {@code
 * zipWithIndex} numbers the lines in file order (it costs one extra pass that counts the lines of
 * each split). A UTF-8 byte-order mark, CR line ends and surrounding spaces are dropped before
 * parsing.
 */
public final class TaggedLines {
  /** The reason a header line carries: counted and dropped, neither a record nor a reject. */
  public static final String HEADER = "header";

  private TaggedLines() {}

  /** Tags every line of {@code file}. {@code sourceName} is what rejects rows call the file. */
  public static Dataset<Row> read(
      SparkSession spark,
      Path file,
      String sourceName,
      Charset charset,
      LineParser parser,
      StructType record) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<byte[]> lines =
        jsc.newAPIHadoopFile(
                file.toString(),
                TextInputFormat.class,
                LongWritable.class,
                Text.class,
                jsc.hadoopConfiguration())
            .map(t -> t._2().copyBytes());
    JavaRDD<Row> rows =
        lines
            .zipWithIndex()
            .mapPartitions(new Tagger(sourceName, charset.name(), parser, record.size()));
    return spark.createDataFrame(rows, IngestSchemas.tagged(record));
  }

  /**
   * The values of one tagged row for one line: the record's values and null reason and message when
   * it parses, or null record values and the reject's columns when it does not.
   */
  public static Object[] tag(
      byte[] bytes,
      long lineNumber,
      CharsetDecoder decoder,
      LineParser parser,
      String source,
      int width) {
    byte[] b = trimBytes(bytes, lineNumber == 1);
    String text;
    RejectReason reason = null;
    String message = null;
    try {
      text = decoder.decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      text = new String(b, decoder.charset());
      reason = RejectReason.UNDECODABLE_BYTES;
      message = "bytes that are not valid " + decoder.charset().name() + ": " + e.getMessage();
    }
    Object[] values = null;
    String line = text.strip();
    if (reason == null) {
      if (line.isEmpty()) {
        reason = RejectReason.EMPTY_LINE;
        message = "the line is empty";
      } else if (parser.isHeader(line, lineNumber)) {
        return row(new Object[width], source, lineNumber, text, HEADER, "header line");
      } else {
        try {
          values = parser.parse(line);
        } catch (BadLine bad) {
          reason = bad.reason();
          message = bad.getMessage();
        }
      }
    }
    if (values == null) {
      values = new Object[width];
    }
    return row(values, source, lineNumber, text, reason == null ? null : reason.code(), message);
  }

  private static Object[] row(
      Object[] values, String source, long lineNumber, String raw, String reason, String message) {
    Object[] out = Arrays.copyOf(values, values.length + 5);
    out[values.length] = source;
    out[values.length + 1] = lineNumber;
    out[values.length + 2] = raw;
    out[values.length + 3] = reason;
    out[values.length + 4] = message;
    return out;
  }

  /** Drops a UTF-8 byte-order mark on the first line and any trailing CR. */
  private static byte[] trimBytes(byte[] b, boolean firstLine) {
    int from = 0;
    int to = b.length;
    if (firstLine
        && to >= 3
        && (b[0] & 0xFF) == 0xEF
        && (b[1] & 0xFF) == 0xBB
        && (b[2] & 0xFF) == 0xBF) {
      from = 3;
    }
    while (to > from && b[to - 1] == '\r') {
      to--;
    }
    return from == 0 && to == b.length ? b : Arrays.copyOfRange(b, from, to);
  }

  /** A strict decoder: malformed or unmappable input is an error, never a silent U+FFFD. */
  public static CharsetDecoder strictDecoder(Charset charset) {
    return charset
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static final class Tagger
      implements FlatMapFunction<Iterator<Tuple2<byte[], Long>>, Row> {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String charset;
    private final LineParser parser;
    private final int width;

    Tagger(String source, String charset, LineParser parser, int width) {
      this.source = source;
      this.charset = charset;
      this.parser = parser;
      this.width = width;
    }

    @Override
    public Iterator<Row> call(Iterator<Tuple2<byte[], Long>> lines) {
      CharsetDecoder decoder = strictDecoder(Charset.forName(charset));
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return lines.hasNext();
        }

        @Override
        public Row next() {
          Tuple2<byte[], Long> l = lines.next();
          return RowFactory.create(tag(l._1(), l._2() + 1, decoder, parser, source, width));
        }
      };
    }
  }
}
