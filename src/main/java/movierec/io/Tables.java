package movierec.io;

import java.time.LocalDate;
import org.apache.hadoop.fs.Path;

/** Table names and where each table and run-date partition lives in the warehouse. */
public final class Tables {
  public static final String USERS = "users";
  public static final String MOVIES = "movies";
  public static final String RATINGS = "ratings";
  public static final String REJECTS = "rejects";

  /** The partition column every table carries; analysts see it as a date. */
  public static final String RUN_DATE = "run_date";

  private Tables() {}

  public static Path table(String warehouse, String table) {
    return new Path(warehouse, table);
  }

  public static Path partition(String warehouse, String table, LocalDate runDate) {
    return new Path(table(warehouse, table), partitionDirName(runDate));
  }

  public static String partitionDirName(LocalDate runDate) {
    return RUN_DATE + "=" + runDate;
  }
}
