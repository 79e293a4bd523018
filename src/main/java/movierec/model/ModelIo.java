package movierec.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import movierec.io.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The model file format, version 1 (big-endian, as {@link DataOutputStream} writes): the magic
 * {@code MOVIEREC-MODEL}, the format version, every {@link ModelConfig} field in declaration order,
 * the {@link InputSpace} arrays, the global mean and step count, then each parameter as (name,
 * columns, length, values) and, in checkpoints, Adam's two moments. A reader refuses other magic or
 * versions, so an old job never misreads a newer file. Written through Hadoop's FileSystem (any
 * scheme) by {@link HadoopFiles#replace}.
 */
public final class ModelIo {
  static final String MAGIC = "MOVIEREC-MODEL";
  public static final int VERSION = 6;

  private ModelIo() {}

  public static void save(ModelState s, Path file, Configuration conf) {
    HadoopFiles.replace(
        file,
        conf,
        "model",
        out -> {
          DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
          write(s, data);
          data.flush();
        });
  }

  public static ModelState load(Path file, Configuration conf) {
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(file.getFileSystem(conf).open(file), 1 << 16))) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file of {@code model}'s state in a run's models directory. */
  public static Path file(Path modelsDir, String model) {
    return new Path(modelsDir, model + ".model");
  }

  /**
   * The models of a run's models directory by name, each file read at most once; empty for a model
   * with no file (ALS has none).
   */
  public static Function<String, Optional<ModelState>> loader(Path modelsDir, Configuration conf) {
    Map<String, Optional<ModelState>> loaded = new HashMap<>();
    return m -> loaded.computeIfAbsent(m, x -> loadIfExists(file(modelsDir, x), conf));
  }

  /** The model in {@code file}, or empty when there is no such file (ALS has none). */
  public static Optional<ModelState> loadIfExists(Path file, Configuration conf) {
    return HadoopFiles.exists(file, conf) ? Optional.of(load(file, conf)) : Optional.empty();
  }

  static void write(ModelState s, DataOutputStream out) throws IOException {
    out.writeUTF(MAGIC);
    out.writeInt(VERSION);
    ModelConfig c = s.config;
    for (int v :
        new int[] {
          c.userIdDim(),
          c.demographicDim(),
          c.towerDim(),
          c.movieIdDim(),
          c.genreDim(),
          c.wordDim(),
          c.titleLength(),
          c.filters()
        }) {
      out.writeInt(v);
    }
    writeInts(out, c.windows());
    out.writeInt(c.vectorDim());
    out.writeDouble(c.dropout());
    out.writeBoolean(c.biases());
    out.writeDouble(c.learningRate());
    out.writeDouble(c.learningRateDecay());
    out.writeInt(c.batchSize());
    out.writeInt(c.maxEpochs());
    out.writeInt(c.patience());
    out.writeDouble(c.minImprovement());
    out.writeDouble(c.averaging());
    out.writeDouble(c.l2Embedding());
    out.writeDouble(c.l2Dense());
    out.writeDouble(c.idDropout());
    out.writeInt(c.syncsPerEpoch());
    out.writeLong(c.seed());
    out.writeUTF(c.objective().name());
    out.writeInt(c.historyDim());
    out.writeDouble(c.temperature());
    out.writeDouble(c.historyDropout());
    out.writeDouble(c.logQWeight());
    out.writeInt(c.userRatingsDim());
    out.writeInt(c.movieRatingsDim());
    out.writeInt(c.maxBag());
    InputSpace sp = s.space;
    writeInts(out, sp.userIds());
    writeInts(out, sp.movieIds());
    writeStrings(out, sp.genders());
    writeInts(out, sp.ages());
    writeInts(out, sp.occupations());
    writeStrings(out, sp.genres());
    writeStrings(out, sp.words());
    out.writeInt(sp.genreSlots());
    out.writeDouble(s.globalMean);
    out.writeLong(s.step);
    out.writeInt(s.names.length);
    out.writeBoolean(s.m != null);
    for (int i = 0; i < s.names.length; i++) {
      out.writeUTF(s.names[i]);
      out.writeInt(s.cols[i]);
      writeDoubles(out, s.w[i]);
      if (s.m != null) {
        writeDoubles(out, s.m[i]);
        writeDoubles(out, s.v[i]);
      }
    }
  }

  static ModelState read(DataInputStream in, String what) throws IOException {
    String magic = in.readUTF();
    if (!magic.equals(MAGIC)) {
      throw new IOException(what + " is not a movierec model file");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException(
          what + " has model format version " + version + "; this build reads " + VERSION);
    }
    int[] dims = new int[8];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = in.readInt();
    }
    int[] windows = readInts(in);
    ModelConfig c =
        new ModelConfig(
            dims[0],
            dims[1],
            dims[2],
            dims[3],
            dims[4],
            dims[5],
            dims[6],
            dims[7],
            windows,
            in.readInt(),
            in.readDouble(),
            in.readBoolean(),
            in.readDouble(),
            in.readDouble(),
            in.readInt(),
            in.readInt(),
            in.readInt(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readInt(),
            in.readLong(),
            ModelConfig.Objective.valueOf(in.readUTF()),
            in.readInt(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readInt(),
            in.readInt(),
            in.readInt());
    InputSpace sp =
        new InputSpace(
            readInts(in),
            readInts(in),
            readStrings(in),
            readInts(in),
            readInts(in),
            readStrings(in),
            readStrings(in),
            in.readInt());
    double mean = in.readDouble();
    long step = in.readLong();
    int n = in.readInt();
    boolean moments = in.readBoolean();
    String[] names = new String[n];
    int[] cols = new int[n];
    double[][] w = new double[n][];
    double[][] m = moments ? new double[n][] : null;
    double[][] v = moments ? new double[n][] : null;
    for (int i = 0; i < n; i++) {
      names[i] = in.readUTF();
      cols[i] = in.readInt();
      w[i] = readDoubles(in);
      if (moments) {
        m[i] = readDoubles(in);
        v[i] = readDoubles(in);
      }
    }
    return new ModelState(c, sp, mean, step, names, cols, w, m, v, new BitSet[n]);
  }

  private static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a.length);
    for (int x : a) {
      out.writeInt(x);
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int[] a = new int[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readInt();
    }
    return a;
  }

  private static void writeStrings(DataOutputStream out, String[] a) throws IOException {
    out.writeInt(a.length);
    for (String x : a) {
      out.writeUTF(x);
    }
  }

  private static String[] readStrings(DataInputStream in) throws IOException {
    String[] a = new String[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readUTF();
    }
    return a;
  }

  private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double x : a) {
      out.writeDouble(x);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] a = new double[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }
}
