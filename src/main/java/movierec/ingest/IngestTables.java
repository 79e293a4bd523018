package movierec.ingest;

import java.util.List;
import movierec.io.Table;

/** The tables the ingest stage writes, declared next to the code that fills them. */
public final class IngestTables {
  /** The stage name every one of these tables records as its writer. */
  public static final String STAGE = "ingest";

  public static final Table USERS =
      new Table("users", IngestSchemas.USERS, STAGE, List.of(IngestSchemas.USER_ID));
  public static final Table MOVIES =
      new Table("movies", IngestSchemas.MOVIES, STAGE, List.of(IngestSchemas.MOVIE_ID));
  public static final Table RATINGS =
      new Table(
          "ratings",
          IngestSchemas.RATINGS,
          STAGE,
          List.of(IngestSchemas.USER_ID, IngestSchemas.MOVIE_ID));
  public static final Table REJECTS =
      new Table(
          "rejects",
          IngestSchemas.REJECTS,
          STAGE,
          List.of(IngestSchemas.SOURCE_FILE, IngestSchemas.LINE_NUMBER));
  public static final Table AGE_GROUPS = new Table("age_groups", IngestSchemas.AGE_GROUPS, STAGE);
  public static final Table OCCUPATIONS =
      new Table("occupations", IngestSchemas.OCCUPATIONS, STAGE);

  /** In the order the stage writes them. */
  public static final List<Table> ALL =
      List.of(USERS, MOVIES, RATINGS, REJECTS, AGE_GROUPS, OCCUPATIONS);

  private IngestTables() {}
}
