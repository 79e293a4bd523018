package movierec.jobs;

import java.time.LocalDate;
import movierec.catalog.TableCatalog;
import movierec.cli.UsageException;
import movierec.io.Tables;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * sql: runs one SQL statement against the catalog, where every table is registered by name, and
 * prints the rows to stdout. The catalog's database is the current one, so {@code select * from
 * user_top_movies} and {@code movierec.user_top_movies} both work.
 */
public final class SqlJob implements Job {
  public static final String NAME = "sql";

  private final String statement;
  private final AppConfig config;
  private final String database;
  private final int maxRows;

  SqlJob(String statement, AppConfig config, int maxRows) {
    this.statement = statement;
    this.config = config;
    this.database = config.catalog().database();
    this.maxRows = maxRows;
  }

  @Override
  public boolean queriesCatalog() {
    return true;
  }

  @Override
  public void run(SparkSession spark) {
    if ("in-memory".equals(spark.conf().get("spark.sql.catalogImplementation", "hive"))) {
      // The shared catalog is open in another job: the same tables, registered for this session.
      String wh = config.warehousePath();
      org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
      TableCatalog.register(
          spark,
          database,
          wh,
          Tables.existing(conf, wh, WarehouseTables.ALL),
          config.warehouseFormat());
    }
    if (spark.catalog().databaseExists(database)) {
      spark.catalog().setCurrentDatabase(database);
    }
    spark.sql(statement).show(maxRows, false);
  }

  /** The command line of {@code sql}. */
  public static final class Options extends JobCommand {
    @Option(
        names = {"-e", "--execute"},
        required = true,
        paramLabel = "SQL",
        description = "The statement, e.g. \"select * from user_top_movies limit 5\".")
    String sql;

    @Option(
        names = "--max-rows",
        paramLabel = "N",
        description = "Rows to print at most (default: ${DEFAULT-VALUE}).")
    int maxRows = 20;

    @Override
    public Job create(AppConfig config, LocalDate runDate) {
      if (!config.catalog().enabled()) {
        throw new UsageException(
            "sql reads the tables by name from the catalog, and catalog.enabled = false: enable"
                + " it and rerun the pipeline (or the stage whose tables you query)");
      }
      if (maxRows <= 0) {
        throw new UsageException("--max-rows must be positive, got " + maxRows);
      }
      return new SqlJob(sql, config, maxRows);
    }
  }
}
