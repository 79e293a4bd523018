package movierec.recommend;

import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.Column;

/** Jaccard overlap of two movies' genre sets: the genre-consistency measure of every list. */
public final class GenreOverlap {
  private GenreOverlap() {}

  /** |a and b| / |a or b| of two genre array columns; 0 when both are empty. */
  public static Column jaccard(Column a, Column b) {
    Column union = size(array_union(a, b));
    return when(union.equalTo(0), lit(0.0))
        .otherwise(size(array_intersect(a, b)).cast("double").divide(union));
  }

  /** The same measure on the driver. */
  public static double jaccard(Collection<String> a, Collection<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    if (union.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String g : new HashSet<>(a)) {
      if (b.contains(g)) {
        common++;
      }
    }
    return (double) common / union.size();
  }
}
