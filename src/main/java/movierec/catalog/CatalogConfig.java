package movierec.catalog;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The {@code catalog} settings, read and validated here from their own subtree: whether tables are
 * registered by name, in which database, and on which metastore.
 *
 * @param metastoreDir for the embedded metastore: an absolute local directory
 * @param metastoreWait how long a job waits for an embedded metastore another job has open before
 *     it leaves its tables for the next job to register
 */
public record CatalogConfig(
    boolean enabled,
    String database,
    Metastore metastore,
    String metastoreDir,
    java.time.Duration metastoreWait) {

  /** Whether the tables go to an embedded metastore, whose Derby database one process opens. */
  public boolean embedded() {
    return enabled && metastore == Metastore.EMBEDDED;
  }

  /** Where the catalog lives. */
  public enum Metastore {
    EMBEDDED,
    HIVE
  }

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  /** Reads {@code catalog.*} of the resolved config. */
  public static CatalogConfig from(Config c) {
    Config s = c.getConfig("catalog");
    boolean enabled = s.getBoolean("enabled");
    String database = s.getString("database");
    if (!NAME.matcher(database).matches()) {
      throw new BadValue(
          "catalog.database",
          "'" + database + "' is not a database name: lower-case letters, digits and _");
    }
    String kind = s.getString("metastore");
    Metastore metastore =
        switch (kind) {
          case "embedded" -> Metastore.EMBEDDED;
          case "hive" -> Metastore.HIVE;
          default ->
              throw new BadValue(
                  "catalog.metastore", "'" + kind + "' is not one of embedded, hive");
        };
    String dir = s.getString("metastore-dir");
    if (enabled && metastore == Metastore.EMBEDDED) {
      dir = localDir(dir);
    }
    java.time.Duration wait = s.getDuration("metastore-wait");
    if (wait.isNegative()) {
      throw new BadValue("catalog.metastore-wait", "must be 0 or more, got " + wait);
    }
    return new CatalogConfig(enabled, database, metastore, dir, wait);
  }

  /** The embedded metastore's Derby database: a local directory, made absolute. */
  private static String localDir(String dir) {
    var scheme = SCHEME.matcher(dir);
    String path = dir;
    if (scheme.find()) {
      if (!scheme.group(1).equals("file")) {
        throw new BadValue(
            "catalog.metastore-dir",
            "'"
                + dir
                + "' is not on local disk, and the embedded metastore (Derby) needs a local"
                + " directory: set catalog.metastore-dir to one, catalog.metastore = hive, or"
                + " catalog.enabled = false");
      }
      path = dir.substring(scheme.end()).replaceFirst("^//", "");
    }
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
}
