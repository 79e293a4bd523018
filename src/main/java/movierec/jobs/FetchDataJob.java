package movierec.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import movierec.cli.UsageException;
import movierec.config.FetchConfig;
import movierec.io.DirectorySwap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * fetch-data: downloads {@code <fetch.base-url>/<dataset>.zip}, checks it against the published
 * {@code <dataset>.zip.md5}, and unpacks it to {@code <dest>/<dataset>} (default {@code data/}).
 * The directory appears only once complete; an existing one is left alone. No Spark needed.
 */
public final class FetchDataJob implements Job {
  public static final String NAME = "fetch-data";

  /** Datasets published as {@code <name>.zip} holding a {@code <name>/} directory. */
  public static final List<String> DATASETS =
      List.of("ml-1m", "ml-100k", "ml-latest-small", "ml-20m", "ml-25m", "ml-32m");

  private static final Logger LOG = LoggerFactory.getLogger(FetchDataJob.class);
  private static final Pattern MD5 = Pattern.compile("\\b([0-9a-fA-F]{32})\\b");

  private final String dataset;
  private final Path dest;
  private final FetchConfig fetch;

  FetchDataJob(String dataset, Path dest, FetchConfig fetch) {
    this.dataset = dataset;
    this.dest = dest;
    this.fetch = fetch;
  }

  /** fetch-data's arguments. */
  public static final class Options extends JobCommand {
    @Parameters(
        paramLabel = "DATASET",
        completionCandidates = Datasets.class,
        description = "One of: ${COMPLETION-CANDIDATES}.")
    String dataset;

    @Option(
        names = "--dest",
        paramLabel = "DIR",
        description = "Where to unpack it, as DIR/DATASET (default: ${DEFAULT-VALUE}).")
    String dest = "data";

    @Override
    public Job create(AppConfig config, LocalDate runDate) {
      if (!DATASETS.contains(dataset)) {
        throw new UsageException(
            dataset + " is not a dataset fetch-data knows; one of " + DATASETS);
      }
      return new FetchDataJob(dataset, Path.of(dest), config.fetch());
    }
  }

  /** The dataset names, for help and completion. */
  static final class Datasets implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return DATASETS.iterator();
    }
  }

  /**
   * The fetch that makes {@code input.path} exist, when it is a missing local directory named after
   * a known dataset and {@code input.auto-fetch} is on.
   */
  public static Optional<FetchDataJob> forMissingInput(AppConfig config) {
    String input = config.input().path();
    if (!config.input().autoFetch() || input.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return Optional.empty();
    }
    Path p = Path.of(input).toAbsolutePath().normalize();
    String name = p.getFileName() == null ? "" : p.getFileName().toString();
    if (Files.exists(p) || !DATASETS.contains(name)) {
      return Optional.empty();
    }
    return Optional.of(new FetchDataJob(name, p.getParent(), config.fetch()));
  }

  @Override
  public boolean needsSpark() {
    return false;
  }

  @Override
  public void run(SparkSession spark) {
    fetch();
  }

  /** Downloads, verifies and unpacks the dataset unless its directory already exists. */
  public void fetch() {
    Path target = dest.resolve(dataset);
    if (Files.isDirectory(target)) {
      LOG.info("{} is already present; nothing to fetch", target);
      return;
    }
    String zipUrl = fetch.baseUrl().replaceAll("/+$", "") + "/" + dataset + ".zip";
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(fetch.timeoutSeconds()))
            .followRedirects(HttpClient.Redirect.NORMAL)
            // https.proxyHost / https.proxyPort (JAVA_TOOL_OPTIONS) reach GroupLens behind a proxy.
            .proxy(java.net.ProxySelector.getDefault())
            .build();
    String runId = UUID.randomUUID().toString();
    Path part = dest.resolve("." + dataset + ".zip." + runId + ".part");
    org.apache.hadoop.fs.Path swapTarget = new org.apache.hadoop.fs.Path(target.toUri());
    Path unpack = Path.of(DirectorySwap.staging(swapTarget, runId).toUri().getPath());
    try {
      Files.createDirectories(dest);
      FileSystem local = FileSystem.getLocal(new Configuration());
      DirectorySwap.recover(local, swapTarget);
      String expected = publishedMd5(http, zipUrl + ".md5");
      LOG.info("Downloading {} to {}", zipUrl, target);
      HttpResponse<Path> zip = http.send(request(zipUrl), HttpResponse.BodyHandlers.ofFile(part));
      checkStatus(zip.statusCode(), zipUrl);
      String actual = md5(part);
      if (!actual.equalsIgnoreCase(expected)) {
        throw new FetchException(
            "checksum mismatch for "
                + zipUrl
                + ": published md5 "
                + expected
                + ", downloaded file has "
                + actual
                + ". The download is damaged; nothing was unpacked. Run fetch-data again.");
      }
      unzip(part, unpack);
      Path inner = unpack.resolve(dataset);
      Path unpacked = Files.isDirectory(inner) ? inner : unpack;
      DirectorySwap.swap(local, new org.apache.hadoop.fs.Path(unpacked.toUri()), swapTarget, runId);
      LOG.info("Fetched {} (md5 {}) into {}", dataset, actual, target);
    } catch (IOException e) {
      throw new FetchException(
          "could not fetch "
              + zipUrl
              + ": "
              + e
              + ". Offline? Download "
              + dataset
              + ".zip by hand from https://grouplens.org/datasets/movielens/ and unpack it into "
              + dest.toAbsolutePath()
              + ", or point --conf input.path at a MovieLens directory you have",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted while fetching " + zipUrl, e);
    } finally {
      deleteQuietly(part);
      deleteQuietly(unpack);
    }
  }

  private HttpRequest request(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(fetch.timeoutSeconds()))
        .GET()
        .build();
  }

  private String publishedMd5(HttpClient http, String url)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request(url), HttpResponse.BodyHandlers.ofString());
    checkStatus(r.statusCode(), url);
    Matcher m = MD5.matcher(r.body());
    if (!m.find()) {
      throw new FetchException("no md5 checksum found in " + url);
    }
    return m.group(1).toLowerCase(Locale.ROOT);
  }

  private static void checkStatus(int status, String url) {
    if (status != 200) {
      throw new FetchException("GET " + url + " answered HTTP " + status);
    }
  }

  static String md5(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5Digest())) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    }
  }

  private static MessageDigest md5Digest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5", e);
    }
  }

  /** Unpacks {@code zip} into {@code dir}, refusing entries that would land outside it. */
  private static void unzip(Path zip, Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path out = root.resolve(e.getName()).normalize();
        if (!out.startsWith(root)) {
          throw new FetchException("zip entry " + e.getName() + " points outside " + root);
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Not {@code p.toUri()}: that of an existing directory ends in '/', a Path without a name. */
  private static org.apache.hadoop.fs.Path hadoopPath(Path p) {
    return new org.apache.hadoop.fs.Path(p.toAbsolutePath().toString());
  }

  private static void deleteQuietly(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      walk.sorted(Comparator.reverseOrder()).forEach(FetchDataJob::deleteOne);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete {}: {}", p, e.toString());
    }
  }

  private static void deleteOne(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fetching failed; the message says what to do instead. */
  public static final class FetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FetchException(String message) {
      super(message);
    }

    FetchException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
