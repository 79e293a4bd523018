package movierec.ranking;

import static org.apache.spark.sql.functions.collect_list;

import java.util.ArrayList;
import java.util.List;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the item-item models are fitted from, on the driver: ratings per catalog movie and each
 * user's rated movies (catalog indices). Memory: one int per rating plus one long per movie.
 */
public record Interactions(long[] popularity, List<int[]> histories) {
  /** From ratings (user_id, movie_id, ...): whichever split the models are fitted on. */
  public static Interactions of(Dataset<Row> ratings, Catalog catalog) {
    long[] popularity = new long[catalog.size()];
    List<int[]> histories = new ArrayList<>();
    for (Row r :
        ratings
            .groupBy(TrainSchemas.USER_ID)
            .agg(collect_list(TrainSchemas.MOVIE_ID))
            .orderBy(TrainSchemas.USER_ID)
            .collectAsList()) {
      int[] h = catalog.indices(r.getList(1));
      for (int i : h) {
        popularity[i]++;
      }
      histories.add(h);
    }
    return new Interactions(popularity, histories);
  }

  public long users() {
    return histories.size();
  }
}
