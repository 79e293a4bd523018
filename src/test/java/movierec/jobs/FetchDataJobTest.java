package movierec.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch-data against a small HTTP server on 127.0.0.1 standing in for GroupLens. */
class FetchDataJobTest {
  @TempDir Path dest;
  private HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          byte[] body = files.get(ex.getRequestURI().getPath());
          ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private AppConfig config(String... kv) {
    Map<String, String> o = new java.util.HashMap<>();
    o.put("fetch.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/ml");
    o.put("fetch.timeout-seconds", "5");
    for (int i = 0; i < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    return ConfigLoader.load(List.of(), o);
  }

  private static byte[] zip(String dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry(dir + "/"));
      z.putNextEntry(new ZipEntry(dir + "/u.data"));
      z.write("1\t1\t5\t1\n".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    return bytes.toByteArray();
  }

  private void publish(String name, byte[] zip, String md5) {
    files.put("/ml/" + name + ".zip", zip);
    files.put("/ml/" + name + ".zip.md5", ("MD5 (" + name + ".zip) = " + md5 + "\n").getBytes());
  }

  private static String md5(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
  }

  private FetchDataJob job(String... args) {
    return JobArgs.create(config(), LocalDate.EPOCH, "fetch-data", args);
  }

  @Test
  void downloadsVerifiesAndUnpacks() throws Exception {
    byte[] z = zip("ml-100k");
    publish("ml-100k", z, md5(z));
    job("ml-100k", "--dest", dest.toString()).run(null);
    assertEquals("1\t1\t5\t1\n", Files.readString(dest.resolve("ml-100k/u.data")));
    try (var s = Files.list(dest)) {
      assertEquals(List.of("ml-100k"), s.map(p -> p.getFileName().toString()).toList());
    }
    int before = requests.get();
    job("ml-100k", "--dest", dest.toString()).run(null);
    assertEquals(before, requests.get(), "a present dataset is not downloaded again");
  }

  @Test
  void checksumMismatchUnpacksNothing() throws Exception {
    byte[] z = zip("ml-100k");
    publish("ml-100k", z, "0123456789abcdef0123456789abcdef");
    FetchDataJob.FetchException e =
        assertThrows(
            FetchDataJob.FetchException.class,
            () -> job("ml-100k", "--dest", dest.toString()).run(null));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    try (var s = Files.list(dest)) {
      assertEquals(List.of(), s.toList(), "no partial download or directory is left");
    }
  }

  @Test
  void offlineSaysWhatToDoInstead() {
    FetchDataJob j = job("ml-1m", "--dest", dest.toString());
    server.stop(0);
    FetchDataJob.FetchException e =
        assertThrows(FetchDataJob.FetchException.class, () -> j.run(null));
    assertTrue(e.getMessage().contains("grouplens.org"), e.getMessage());
    assertFalse(Files.exists(dest.resolve("ml-1m")));
  }

  @Test
  void pipelineFetchesOnlyAMissingLocalKnownDataset() throws Exception {
    assertTrue(
        FetchDataJob.forMissingInput(config("input.path", dest.resolve("ml-1m").toString()))
            .isPresent());
    assertFalse(FetchDataJob.forMissingInput(config("input.path", dest.toString())).isPresent());
    assertFalse(
        FetchDataJob.forMissingInput(config("input.path", dest.resolve("mine").toString()))
            .isPresent());
    assertFalse(
        FetchDataJob.forMissingInput(config("input.path", "hdfs://nn/data/ml-1m")).isPresent());
    assertFalse(
        FetchDataJob.forMissingInput(
                config("input.path", dest.resolve("ml-1m").toString(), "input.auto-fetch", "false"))
            .isPresent());
    byte[] z = zip("ml-1m");
    publish("ml-1m", z, md5(z));
    FetchDataJob.forMissingInput(config("input.path", dest.resolve("ml-1m").toString()))
        .orElseThrow()
        .fetch();
    assertTrue(Files.isRegularFile(dest.resolve("ml-1m/u.data")));
  }
}
