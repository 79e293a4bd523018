package movierec.ranking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import movierec.ingest.IngestSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The movies a ranking model ranks, in id order: a movie's catalog index is its position in {@code
 * ids}. Genre sets are bit masks over the sorted genre vocabulary (MovieLens has about 20), for the
 * diversity metric.
 */
public record Catalog(int[] ids, long[] genreMasks) implements Serializable {
  /** From the movies table (movie_id, genres), collected on the driver. */
  public static Catalog of(Dataset<Row> movies) {
    List<Row> rows =
        movies
            .select(IngestSchemas.MOVIE_ID, IngestSchemas.GENRES)
            .orderBy(IngestSchemas.MOVIE_ID)
            .collectAsList();
    TreeSet<String> vocab = new TreeSet<>();
    rows.forEach(r -> vocab.addAll(r.getList(1)));
    if (vocab.size() > 64) {
      throw new IllegalStateException(
          "genre diversity supports up to 64 genres; the movies table has " + vocab.size());
    }
    List<String> order = new ArrayList<>(vocab);
    int[] ids = new int[rows.size()];
    long[] masks = new long[rows.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rows.get(i).getInt(0);
      for (Object g : rows.get(i).getList(1)) {
        masks[i] |= 1L << order.indexOf((String) g);
      }
    }
    return new Catalog(ids, masks);
  }

  public int size() {
    return ids.length;
  }

  /** The catalog index of a movie id, or a negative number when the catalog lacks it. */
  public int index(int movieId) {
    return Arrays.binarySearch(ids, movieId);
  }

  /** Catalog indices of the ids (ids outside the catalog dropped), sorted. */
  public int[] indices(List<Integer> movieIds) {
    int[] out = new int[movieIds.size()];
    int n = 0;
    for (int id : movieIds) {
      int i = index(id);
      if (i >= 0) {
        out[n++] = i;
      }
    }
    int[] r = Arrays.copyOf(out, n);
    Arrays.sort(r);
    return r;
  }
}
