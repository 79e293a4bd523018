package movierec.jobs;

import static movierec.jobs.IngestTestSupport.config;
import static movierec.jobs.IngestTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import movierec.SparkTestSupport;
import movierec.VanishingFileSystem;
import movierec.ingest.IngestException;
import movierec.ingest.IngestTables;
import movierec.io.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest fed broken input on purpose. Each case ends either in rejects, with every input line in a
 * clean table or in rejects, or in one {@link IngestException} that says what to fix; a failed run
 * leaves the partition already in place exactly as it was.
 */
class BadInputTest {
  private static final String DAY = "2026-11-28";
  private static final List<Table> TABLES =
      List.of(IngestTables.USERS, IngestTables.MOVIES, IngestTables.RATINGS, IngestTables.REJECTS);
  private static final String USERS =
      "1::F::1::10::48067\n2::M::56::16::70072\n3::M::25::15::55117\n";
  private static final String MOVIES =
      "1::Toy Story (1995)::Animation|Children's|Comedy\n"
          + "2::Jumanji (1995)::Adventure|Children's|Fantasy\n"
          + "3::Grumpier Old Men (1995)::Comedy|Romance\n";
  private static final String RATINGS =
      "1::1::5::978300760\n1::2::3::978302109\n2::1::4::978298413\n"
          + "2::3::2::978299000\n3::2::4::978297039\n3::3::1::978294008\n";

  private static SparkSession spark;
  @TempDir static Path tmp;
  private static Path good;

  /** A warehouse holding a good partition for the day every case writes to. */
  @BeforeAll
  static void ingestGoodInput() throws IOException {
    spark = SparkTestSupport.spark();
    good = tmp.resolve("good-warehouse");
    ingest(input("good", Map.of()), good);
  }

  @Test
  void truncatedLinesAreRejectedAndTheRestKept() throws IOException {
    Path in =
        input(
            "truncated",
            Map.of(
                "users.dat", bytes(USERS + "4::F::2"),
                "ratings.dat", bytes(RATINGS + "3::1::")));
    Path wh = copyOfGood("truncated");
    ingest(in, wh, "ingest.max-reject-fraction", "0.5");
    assertEquals(
        Map.of("ratings.dat:7", "wrong_field_count", "users.dat:4", "wrong_field_count"),
        rejects(wh));
    assertEveryLineAccountedFor(in, wh);
  }

  @Test
  void binaryGarbageFailsTheRunAndKeepsThePartition() throws IOException {
    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);
    Path in = input("garbage", Map.of("ratings.dat", garbage));
    Path wh = copyOfGood("garbage");
    IngestException e = assertThrows(IngestException.class, () -> ingest(in, wh));
    assertOneLine(e, "ingest.max-reject-fraction");
    assertUnchanged(wh);
  }

  @Test
  void aBinaryLineAmongGoodOnesIsRejected() throws IOException {
    byte[] garbage = new byte[256];
    new Random(11).nextBytes(garbage);
    for (int i = 0; i < garbage.length; i++) {
      if (garbage[i] == '\n' || garbage[i] == '\r') {
        garbage[i] = 0;
      }
    }
    byte[] ratings = concat(bytes(RATINGS), garbage, bytes("\n3::1::4::978294009\n"));
    Path in = input("binary-line", Map.of("ratings.dat", ratings));
    Path wh = copyOfGood("binary-line");
    ingest(in, wh, "ingest.max-reject-fraction", "0.5");
    assertEquals(1, rejects(wh).size(), rejects(wh).toString());
    assertTrue(rejects(wh).containsKey("ratings.dat:7"), rejects(wh).toString());
    assertEquals(7, table(spark, wh, IngestTables.RATINGS, DAY).count());
    assertEveryLineAccountedFor(in, wh);
  }

  @Test
  void aFileInTheWrongEncodingFailsTheRunAndKeepsThePartition() throws IOException {
    Path in = input("utf16", Map.of("movies.dat", MOVIES.getBytes(StandardCharsets.UTF_16)));
    Path wh = copyOfGood("utf16");
    IngestException e = assertThrows(IngestException.class, () -> ingest(in, wh));
    assertOneLine(e, "nothing was written");
    assertUnchanged(wh);
  }

  @Test
  void anEmptyFileFailsTheRunAndKeepsThePartition() throws IOException {
    for (String file : List.of("users.dat", "movies.dat", "ratings.dat")) {
      Path in = input("empty-" + file, Map.of(file, new byte[0]));
      Path wh = copyOfGood("empty-" + file);
      IngestException e = assertThrows(IngestException.class, () -> ingest(in, wh), file);
      assertOneLine(e, "nothing was written");
      assertUnchanged(wh);
    }
    // Even where the rejects' share would pass: an empty ratings file has no rejects at all.
    Path in = input("empty-ratings-lenient", Map.of("ratings.dat", new byte[0]));
    Path wh = copyOfGood("empty-ratings-lenient");
    IngestException e =
        assertThrows(
            IngestException.class, () -> ingest(in, wh, "ingest.max-reject-fraction", "1"));
    assertOneLine(e, "ratings.dat has no valid records");
    assertUnchanged(wh);
  }

  @Test
  void aTenMegabyteLineIsOneRejectKeptWhole() throws IOException {
    String huge = "1::3::5::" + "9".repeat(10 * 1024 * 1024);
    Path in = input("huge-line", Map.of("ratings.dat", bytes(RATINGS + huge + "\n")));
    Path wh = copyOfGood("huge-line");
    ingest(in, wh, "ingest.max-reject-fraction", "0.5");
    assertEquals(Map.of("ratings.dat:7", "bad_timestamp"), rejects(wh));
    Row reject = table(spark, wh, IngestTables.REJECTS, DAY).first();
    assertEquals(huge, reject.getAs("raw"));
    assertEveryLineAccountedFor(in, wh);
  }

  @Test
  void anInputDirectoryThatVanishesMidRunFailsAndKeepsThePartition() throws IOException {
    Path in = input("vanishing", Map.of());
    Path wh = copyOfGood("vanishing");
    spark
        .sparkContext()
        .hadoopConfiguration()
        .set("fs." + VanishingFileSystem.SCHEME + ".impl", VanishingFileSystem.class.getName());
    VanishingFileSystem.vanishOnOpen(in);
    AppConfig cfg = config(in, wh);
    AppConfig vanishing =
        config(Path.of(in.toString()), wh, "input.path", VanishingFileSystem.SCHEME + "://" + in);
    IngestException e =
        assertThrows(
            IngestException.class, () -> new IngestJob(vanishing, LocalDate.parse(DAY)).run(spark));
    assertFalse(Files.exists(in), "the input directory was to vanish");
    assertOneLine(e, "could not be read while ingest ran");
    assertTrue(e.getMessage().contains(cfg.input().path()), e.getMessage());
    assertUnchanged(wh);
  }

  // --- helpers

  private static void ingest(Path input, Path warehouse, String... keyValues) {
    new IngestJob(config(input, warehouse, keyValues), LocalDate.parse(DAY)).run(spark);
  }

  /** The three ML-1M files of the good input, with some replaced by {@code files}. */
  private static Path input(String name, Map<String, byte[]> files) throws IOException {
    Path dir = tmp.resolve("input-" + name);
    Files.createDirectories(dir);
    Map<String, byte[]> all = new TreeMap<>();
    all.put("users.dat", bytes(USERS));
    all.put("movies.dat", MOVIES.getBytes(StandardCharsets.ISO_8859_1));
    all.put("ratings.dat", bytes(RATINGS));
    all.putAll(files);
    for (Map.Entry<String, byte[]> f : all.entrySet()) {
      Files.write(dir.resolve(f.getKey()), f.getValue());
    }
    return dir;
  }

  private static Path copyOfGood(String name) throws IOException {
    return IngestTestSupport.copyTree(good, tmp.resolve("warehouse-" + name));
  }

  /** source_file:line_number -> reason of the day's rejects. */
  private static Map<String, String> rejects(Path wh) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : table(spark, wh, IngestTables.REJECTS, DAY).collectAsList()) {
      out.put(r.getAs("source_file") + ":" + r.getAs("line_number"), r.getAs("reason"));
      assertFalse(((String) r.getAs("message")).isBlank());
    }
    return out;
  }

  /** Every line of every file is a row of users, movies, ratings or rejects: nothing is lost. */
  private static void assertEveryLineAccountedFor(Path in, Path wh) throws IOException {
    long lines = 0;
    for (String f : List.of("users.dat", "movies.dat", "ratings.dat")) {
      lines += lineCount(Files.readAllBytes(in.resolve(f)));
    }
    long rows = 0;
    for (Table t : TABLES) {
      rows += table(spark, wh, t, DAY).count();
    }
    assertEquals(lines, rows, "input lines against rows of users + movies + ratings + rejects");
  }

  /** Lines as Hadoop's line reader splits them (LF, CR or CR LF; a last line without one). */
  private static long lineCount(byte[] b) {
    long n = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == b.length || b[i + 1] != '\n'))) {
        n++;
      }
    }
    return b.length > 0 && b[b.length - 1] != '\n' && b[b.length - 1] != '\r' ? n + 1 : n;
  }

  private static void assertUnchanged(Path wh) {
    for (Table t : TABLES) {
      Dataset<Row> before = table(spark, good, t, DAY);
      Dataset<Row> after = table(spark, wh, t, DAY);
      assertEquals(before.count(), after.count(), t.name());
      assertEquals(0, before.except(after).count(), t + " changed");
    }
  }

  private static void assertOneLine(IngestException e, String says) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
