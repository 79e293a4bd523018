package movierec.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import movierec.SparkTestSupport;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** also_liked's co-rating method: its pair budget and its heavy-user cap. */
class AlsoLikedTest {
  private static final StructType RATINGS =
      new StructType()
          .add(TrainSchemas.USER_ID, DataTypes.IntegerType)
          .add(TrainSchemas.MOVIE_ID, DataTypes.IntegerType)
          .add(TrainSchemas.RATING, DataTypes.DoubleType);

  /** Users 1..6 like movies 1 and 2; user 7 likes movies 1..40 and dislikes 41. */
  private static Dataset<Row> ratings(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int u = 1; u <= 6; u++) {
      rows.add(RowFactory.create(u, 1, 5.0));
      rows.add(RowFactory.create(u, 2, 4.0));
    }
    for (int m = 1; m <= 40; m++) {
      rows.add(RowFactory.create(7, m, 4.0));
    }
    rows.add(RowFactory.create(7, 41, 2.0));
    return spark.createDataFrame(rows, RATINGS);
  }

  @Test
  void overThePairBudgetItNamesTheCapThatFits() {
    Dataset<Row> likes = AlsoLiked.likes(ratings(SparkTestSupport.spark()), 4);
    // 6 users x 2 x 1 + 40 x 39 = 1,572 ordered pairs
    assertEquals(1_572, AlsoLiked.checkBudget(likes, 0, 1_572));
    assertEquals(6 * 2 + 10 * 9, AlsoLiked.checkBudget(likes, 10, 102));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AlsoLiked.checkBudget(likes, 0, 500));
    assertTrue(e.getMessage().contains("would count 1,572 pairs"), e.getMessage());
    // cap 22: 12 + 22 x 21 = 474 <= 500; cap 23: 12 + 506 > 500
    assertTrue(
        e.getMessage().contains("recommend.also-liked.heavy-cap=22 (474 pairs"), e.getMessage());
  }

  @Test
  void theCapSamplesAHeavyUsersLikesAndKeepsLightUsersWhole() {
    SparkSession spark = SparkTestSupport.spark();
    Dataset<Row> exact = AlsoLiked.coRating(spark, ratings(spark), 4, 5, 50, 0, 42, 2048);
    Dataset<Row> capped = AlsoLiked.coRating(spark, ratings(spark), 4, 5, 50, 5, 42, 2048);
    // movies 1 and 2: liked together by users 1..6 and 7 (exact), 1..6 (+ 7 if sampled both)
    long exactSupport = support(exact, 1, 2);
    long cappedSupport = support(capped, 1, 2);
    assertEquals(7, exactSupport);
    assertTrue(cappedSupport == 6 || cappedSupport == 7, "support " + cappedSupport);
    // user 7's other pairs have support 1 < min-support 5 either way: only 1 <-> 2 are listed
    assertEquals(2, exact.count());
    assertEquals(
        capped.collectAsList(),
        AlsoLiked.coRating(spark, ratings(spark), 4, 5, 50, 5, 42, 2048).collectAsList());
  }

  /**
   * The blocked co-counting gives what a self-join of likes gives, row for row, whatever the block
   * size: random likes over 37 movies, blocks of 5 (diagonal and off-diagonal pairs, a short last
   * block), many ties in support.
   */
  @Test
  void blockedCountsMatchASelfJoinOfLikes() {
    SparkSession spark = SparkTestSupport.spark();
    java.util.Random rnd = new java.util.Random(7);
    List<Row> rows = new ArrayList<>();
    for (int u = 1; u <= 60; u++) {
      for (int m = 1; m <= 37; m++) {
        if (rnd.nextInt(3) == 0) {
          rows.add(RowFactory.create(u, m * 10, (double) (1 + rnd.nextInt(5))));
        }
      }
    }
    Dataset<Row> ratings = spark.createDataFrame(rows, RATINGS);
    List<Row> expected = selfJoin(ratings, 4, 3, 6).collectAsList();
    assertTrue(expected.size() > 100, "enough pairs to compare: " + expected.size());
    for (int block : new int[] {5, 37, 2048}) {
      assertEquals(
          expected,
          AlsoLiked.coRating(spark, ratings, 4, 3, 6, 0, 42, block)
              .orderBy(RecommendSchemas.MOVIE_ID, RecommendSchemas.RANK)
              .collectAsList(),
          "block size " + block);
    }
  }

  /** The plain definition: join likes on the user, count per ordered pair, rank per movie. */
  private static Dataset<Row> selfJoin(Dataset<Row> ratings, double like, int minSupport, int n) {
    Dataset<Row> likes = AlsoLiked.likes(ratings, like);
    Dataset<Row> likers = likes.groupBy(functions.col(TrainSchemas.MOVIE_ID).as("m")).count();
    Dataset<Row> other = likes.toDF(TrainSchemas.USER_ID, "o");
    Dataset<Row> counted =
        likes
            .join(other, TrainSchemas.USER_ID)
            .filter(functions.col("o").notEqual(functions.col(TrainSchemas.MOVIE_ID)))
            .groupBy(functions.col(TrainSchemas.MOVIE_ID).as("m"), functions.col("o"))
            .agg(functions.count(functions.lit(1)).cast("int").as("support"))
            .filter(functions.col("support").geq(minSupport))
            .join(likers, "m");
    return counted
        .withColumn(
            "rank",
            functions
                .row_number()
                .over(
                    org.apache.spark.sql.expressions.Window.partitionBy("m")
                        .orderBy(functions.col("support").desc(), functions.col("o").asc())))
        .filter(functions.col("rank").leq(n))
        .select(
            functions.col("m"),
            functions.lit(RecommendSchemas.CO_RATING),
            functions.col("rank"),
            functions.col("o"),
            functions.col("support").cast("double").divide(functions.col("count")),
            functions.col("support"))
        .orderBy("m", "rank");
  }

  private static long support(Dataset<Row> rows, int movie, int other) {
    Row r =
        rows.filter(
                rows.col(RecommendSchemas.MOVIE_ID)
                    .equalTo(movie)
                    .and(rows.col(RecommendSchemas.NEIGHBOR_ID).equalTo(other)))
            .first();
    return ((Number) r.getAs(RecommendSchemas.SUPPORT)).longValue();
  }
}
