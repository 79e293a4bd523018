package movierec.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The code tables behind {@code users.age} and {@code users.occupation}, written by ingest as
 * {@code age_groups} and {@code occupations} so that a query can show "25-34" and "programmer"
 * instead of 25 and 12. The age groups are ML-1M's (ML-100K's ages in years are put in them); the
 * occupations are the layout's own (ML-1M's codes 0-20, ML-100K's {@code u.occupation} order), and
 * none for the layouts without a users file.
 */
public final class Lookups {
  /** One age group: its code (the group's lowest age; 1 for under 18) and its bounds in years. */
  public record AgeGroup(int code, String label, Integer minYears, Integer maxYears) {}

  /** ML-1M's README, "Age is chosen from the following ranges". */
  static final List<AgeGroup> AGE_GROUPS =
      List.of(
          new AgeGroup(1, "Under 18", null, 17),
          new AgeGroup(18, "18-24", 18, 24),
          new AgeGroup(25, "25-34", 25, 34),
          new AgeGroup(35, "35-44", 35, 44),
          new AgeGroup(45, "45-49", 45, 49),
          new AgeGroup(50, "50-55", 50, 55),
          new AgeGroup(56, "56+", 56, null));

  /** ML-1M's README, "Occupation is chosen from the following choices": the index is the code. */
  static final List<String> ML_1M_OCCUPATIONS =
      List.of(
          "other or not specified",
          "academic/educator",
          "artist",
          "clerical/admin",
          "college/grad student",
          "customer service",
          "doctor/health care",
          "executive/managerial",
          "farmer",
          "homemaker",
          "K-12 student",
          "lawyer",
          "programmer",
          "retired",
          "sales/marketing",
          "scientist",
          "self-employed",
          "technician/engineer",
          "tradesman/craftsman",
          "unemployed",
          "writer");

  private Lookups() {}

  /** The age codes, in order. */
  static List<Integer> ageCodes() {
    return AGE_GROUPS.stream().map(AgeGroup::code).toList();
  }

  /** The code of the age group of an age in years. */
  static int ageCode(int years) {
    int code = AGE_GROUPS.get(0).code();
    for (AgeGroup g : AGE_GROUPS) {
      if (g.minYears() != null && years >= g.minYears()) {
        code = g.code();
      }
    }
    return code;
  }

  /** age_groups: age, label, min_years, max_years. */
  public static Dataset<Row> ageGroups(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (AgeGroup g : AGE_GROUPS) {
      rows.add(RowFactory.create(g.code(), g.label(), g.minYears(), g.maxYears()));
    }
    return spark.createDataFrame(rows, IngestSchemas.AGE_GROUPS).coalesce(1);
  }

  /** occupations: occupation, name, for the layout read (no rows when it has no users file). */
  public static Dataset<Row> occupations(SparkSession spark, MovieLensFormat format) {
    List<String> names =
        switch (format) {
          case ML_1M -> ML_1M_OCCUPATIONS;
          case ML_100K -> Ml100kFormat.OCCUPATIONS;
          default -> List.of();
        };
    List<Row> rows = new ArrayList<>();
    for (int code = 0; code < names.size(); code++) {
      rows.add(RowFactory.create(code, names.get(code)));
    }
    return spark.createDataFrame(rows, IngestSchemas.OCCUPATIONS).coalesce(1);
  }
}
