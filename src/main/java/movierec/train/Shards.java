package movierec.train;

import static org.apache.spark.sql.functions.col;

import java.util.Iterator;
import java.util.List;
import movierec.model.FeatureTable;
import movierec.model.RatingShard;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Ratings as one {@link RatingShard} per partition: {@code partitions} hash partitions of the user
 * id, each sorted by (user, movie), so the shards are the same whatever the input's own
 * partitioning. Sharding by user means each user's embedding row is trained by exactly one replica,
 * so averaging ({@code ModelState#average}) keeps its whole update instead of diluting it. 12 bytes
 * per rating in memory (25M ratings: 300 MB over the executors).
 */
public final class Shards {
  private Shards() {}

  public static JavaRDD<RatingShard> of(
      Dataset<Row> ratings, int partitions, Broadcast<FeatureTable> features) {
    FlatMapFunction<Iterator<Row>, RatingShard> toShard =
        rows -> {
          FeatureTable ft = features.value();
          IntList users = new IntList();
          IntList movies = new IntList();
          FloatList values = new FloatList();
          while (rows.hasNext()) {
            Row r = rows.next();
            int u = ft.userRow(r.getInt(0));
            int m = ft.movieRow(r.getInt(1));
            if (u < 0 || m < 0) {
              throw new IllegalStateException(
                  "rating of user "
                      + r.getInt(0)
                      + " and movie "
                      + r.getInt(1)
                      + " has no user or movie row; ingest guarantees both exist");
            }
            users.add(u);
            movies.add(m);
            values.add((float) r.getDouble(2));
          }
          return List.of(new RatingShard(users.toArray(), movies.toArray(), values.toArray()))
              .iterator();
        };
    return ratings
        .select(col(TrainSchemas.USER_ID), col(TrainSchemas.MOVIE_ID), col(TrainSchemas.RATING))
        .repartition(partitions, col(TrainSchemas.USER_ID))
        .sortWithinPartitions(TrainSchemas.USER_ID, TrainSchemas.MOVIE_ID)
        .javaRDD()
        .mapPartitions(toShard)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** A growable int array (no boxing: a shard holds millions). */
  static final class IntList {
    private int[] a = new int[1024];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }

  /** A growable float array. */
  static final class FloatList {
    private float[] a = new float[1024];
    private int n;

    void add(float v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    float[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
