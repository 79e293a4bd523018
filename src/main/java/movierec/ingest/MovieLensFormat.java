package movierec.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movierec.io.Preflight;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The MovieLens directory layouts ingest reads, each with its files, parsers and charsets. */
public enum MovieLensFormat {
  ML_1M(
      "ml-1m",
      new SourceFile("users.dat", StandardCharsets.UTF_8, Ml1mFormat.USERS),
      new SourceFile("movies.dat", StandardCharsets.ISO_8859_1, Ml1mFormat.MOVIES),
      new SourceFile("ratings.dat", StandardCharsets.UTF_8, Ml1mFormat.RATINGS)),
  /** ML-10M: ML-1M's files less users.dat, rated in half stars. */
  ML_10M(
      "ml-10m",
      null,
      new SourceFile("movies.dat", StandardCharsets.UTF_8, Ml1mFormat.MOVIES),
      new SourceFile("ratings.dat", StandardCharsets.UTF_8, Ml1mFormat.HALF_STAR_RATINGS)),
  ML_100K(
      "ml-100k",
      new SourceFile("u.user", StandardCharsets.UTF_8, Ml100kFormat.USERS),
      new SourceFile("u.item", StandardCharsets.ISO_8859_1, Ml100kFormat.MOVIES),
      new SourceFile("u.data", StandardCharsets.UTF_8, Ml100kFormat.RATINGS)),
  CSV(
      "csv",
      null,
      new SourceFile("movies.csv", StandardCharsets.UTF_8, CsvFormat.MOVIES),
      new SourceFile("ratings.csv", StandardCharsets.UTF_8, CsvFormat.RATINGS));

  /** One file of a layout: its name, its published charset and its parser. */
  public record SourceFile(String name, Charset charset, LineParser parser) {}

  private final String configName;
  private final SourceFile users;
  private final SourceFile movies;
  private final SourceFile ratings;

  MovieLensFormat(String configName, SourceFile users, SourceFile movies, SourceFile ratings) {
    this.configName = configName;
    this.users = users;
    this.movies = movies;
    this.ratings = ratings;
  }

  /** The value of {@code input.format} that selects this layout. */
  public String configName() {
    return configName;
  }

  /** The users file; empty for layouts without one (CSV). */
  public Optional<SourceFile> users() {
    return Optional.ofNullable(users);
  }

  public SourceFile movies() {
    return movies;
  }

  public SourceFile ratings() {
    return ratings;
  }

  public List<SourceFile> files() {
    List<SourceFile> out = new ArrayList<>();
    users().ifPresent(out::add);
    out.add(movies);
    out.add(ratings);
    return out;
  }

  /**
   * The layout named by {@code input.format}, or for {@code auto} the one whose ratings file is in
   * {@code dir}. Fails with a message that says what was expected and where to get it.
   */
  public static MovieLensFormat resolve(String configured, Path dir, Configuration hadoopConf) {
    try {
      FileSystem fs = dir.getFileSystem(hadoopConf);
      if (!fs.exists(dir)) {
        throw new IngestException(Preflight.missingInput(dir.toString()) + " " + layouts());
      }
      MovieLensFormat format = null;
      for (MovieLensFormat f : values()) {
        boolean chosen = configured.equals(f.configName);
        // auto: the first layout whose files are all there (ML-1M before ML-10M, whose files
        // are ML-1M's less users.dat).
        if (chosen || (configured.equals("auto") && f.allIn(fs, dir))) {
          format = f;
          break;
        }
      }
      if (format == null) {
        throw new IngestException(
            "input.path " + dir + " holds no MovieLens ratings file. " + layouts());
      }
      for (SourceFile file : format.files()) {
        if (!fs.isFile(new Path(dir, file.name()))) {
          throw new IngestException(
              "input.path "
                  + dir
                  + " is missing "
                  + file.name()
                  + " of the "
                  + format.configName
                  + " layout. "
                  + layouts());
        }
      }
      return format;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list input.path " + dir + ": " + e.getMessage(), e);
    }
  }

  private boolean allIn(FileSystem fs, Path dir) throws IOException {
    for (SourceFile file : files()) {
      if (!fs.isFile(new Path(dir, file.name()))) {
        return false;
      }
    }
    return true;
  }

  private static String layouts() {
    return "Expected one of: users.dat, movies.dat, ratings.dat (ML-1M); movies.dat, ratings.dat"
        + " (ML-10M);"
        + " u.user, u.item, u.data (ML-100K); movies.csv, ratings.csv (ML-latest, ML-20M,"
        + " ML-25M, ML-32M).";
  }
}
