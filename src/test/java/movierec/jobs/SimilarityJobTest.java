package movierec.jobs;

import static movierec.jobs.IngestTestSupport.config;
import static movierec.jobs.IngestTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import movierec.SparkTestSupport;
import movierec.bench.MllibCosine;
import movierec.features.FeatureTables;
import movierec.ingest.IngestTables;
import movierec.io.PartitionCommit;
import movierec.io.Table;
import movierec.io.TableFormat;
import movierec.similarity.CoRatingSimilarity;
import movierec.similarity.Kind;
import movierec.similarity.NeighborSchemas;
import movierec.similarity.NeighborTables;
import movierec.similarity.Neighbors;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * features and similarity end to end on the real ML-1M files, from the shared {@link Ml1mIngest}.
 */
class SimilarityJobTest {
  private static final LocalDate DAY = Ml1mIngest.DAY;
  private static SparkSession spark;
  private static AppConfig config;
  @TempDir static Path warehouse;

  @BeforeAll
  static void runStages() throws IOException {
    spark = SparkTestSupport.spark();
    config = config(Ml1mIngest.input(), warehouse);
    // The shared ingest's tables, copied: this test's stages write beside them.
    IngestTestSupport.copyTree(Ml1mIngest.warehouse(), warehouse);
    new FeaturesJob(config, DAY).run(spark);
    new SimilarityJob(config, DAY).run(spark);
  }

  private static Dataset<Row> t(Table table) {
    return table(spark, warehouse, table, DAY.toString());
  }

  @Test
  void featureTablesHaveReadableColumnsAndVectors() {
    Row toy = t(FeatureTables.MOVIE_FEATURES).filter("movie_id = 1").first();
    assertEquals(1990, (Integer) toy.getAs("decade"));
    assertEquals(List.of("toy", "story"), toy.getList(toy.fieldIndex("title_tokens")));
    Vector v = toy.getAs("features");
    assertEquals(6, v.numNonzeros(), "3 genres + decade + 2 tokens");
    Row matrix = t(FeatureTables.MOVIE_FEATURES).filter("movie_id = 2571").first();
    assertEquals(List.of("the", "matrix"), matrix.getList(matrix.fieldIndex("title_tokens")));
    assertEquals(6040, t(FeatureTables.USER_FEATURES).count());
    assertEquals(3883, t(FeatureTables.MOVIE_FEATURES).count());
    Row u1 = t(FeatureTables.USER_FEATURES).filter("user_id = 1").first();
    assertEquals("4", u1.getAs("zip_region"));
    assertEquals(4, ((Vector) u1.getAs("features")).numNonzeros());
  }

  @Test
  void neighbourTablesAreRankedFiniteAndComplete() {
    for (Table table : List.of(NeighborTables.MOVIE_NEIGHBORS, NeighborTables.USER_NEIGHBORS)) {
      String id = table == NeighborTables.MOVIE_NEIGHBORS ? "movie_id" : "user_id";
      Dataset<Row> n = t(table);
      assertEquals(
          0, n.filter("isnan(score) or score = double('inf') or score = double('-inf')").count());
      assertEquals(0, n.filter(id + " = neighbor_id").count(), table + ": self neighbours");
      assertEquals(0, n.filter("rank < 1 or rank > 50").count());
      assertEquals(0, n.filter("(kind = 'content') != (co_count is null)").count());
      assertEquals(0, n.filter("kind != 'content' and co_count < 5").count(), "min-support");
      // ranks 1..n without gaps, ordered by score then neighbour id
      Dataset<Row> bad =
          n.selectExpr(
                  "*",
                  "lag(score) over (partition by " + id + ", kind order by rank) as ps",
                  "lag(neighbor_id) over (partition by " + id + ", kind order by rank) as pn",
                  "lag(rank) over (partition by " + id + ", kind order by rank) as pr")
              .filter(
                  "pr is not null and (rank != pr + 1 or ps < score"
                      + " or (ps = score and pn > neighbor_id))");
      assertEquals(0, bad.count(), table + ": rank order");
      assertEquals(4, n.select("kind").distinct().count(), table + ": every kind");
    }
  }

  @Test
  void coldStartEntitiesGetContentNeighboursOnly() {
    Dataset<Row> rated = t(IngestTables.RATINGS).select("movie_id").distinct();
    Dataset<Row> cold = t(IngestTables.MOVIES).select("movie_id").except(rated);
    assertEquals(268, cold.count());
    Dataset<Row> n = t(NeighborTables.MOVIE_NEIGHBORS);
    Dataset<Row> coldNeighbours = n.join(cold, "movie_id");
    assertEquals(
        268, coldNeighbours.filter("kind = 'content'").select("movie_id").distinct().count());
    assertEquals(0, coldNeighbours.filter("kind != 'content'").count());
    Dataset<Row> users = t(NeighborTables.USER_NEIGHBORS);
    assertEquals(0, users.filter("user_id >= 3000 and kind != 'content'").count());
    assertEquals(
        3041,
        users.filter("user_id >= 3000 and kind = 'content'").select("user_id").distinct().count());
  }

  @Test
  void cosineEqualsMllibColumnSimilaritiesOnEveryTopKPair() {
    // The ratings of ML-1M's first 100 users: MLlib's exact columnSimilarities over all 2,999
    // takes minutes, and a thirtieth of the users compares the same arithmetic.
    Dataset<Row> input =
        CoRatingSimilarity.input(t(IngestTables.RATINGS).filter("user_id <= 100"), true).cache();
    CoRatingSimilarity.Params plain =
        new CoRatingSimilarity.Params(512, 50, true, 0, 1, 0, 0, 1, java.util.Set.of(Kind.COSINE));
    Dataset<Row> ours =
        Neighbors.rank(spark, CoRatingSimilarity.compute(spark, input, plain, null), 50);
    Dataset<Row> mllib =
        MllibCosine.pairs(spark, input).withColumnRenamed("score", "mllib").cache();
    Row r =
        ours.join(mllib, new String[] {NeighborSchemas.ID, NeighborSchemas.NEIGHBOR_ID}, "left")
            .selectExpr(
                "count(*)",
                "max(abs(score - mllib))",
                "sum(case when mllib is null then 1 else 0 end)",
                "count(distinct id)")
            .first();
    // each movie lists min(50, movies it shares a rater with), as MLlib's pairs say
    long expected =
        mllib
            .groupBy(NeighborSchemas.ID)
            .count()
            .selectExpr("sum(least(count, 50))")
            .first()
            .getLong(0);
    long listed = mllib.select(NeighborSchemas.ID).distinct().count();
    mllib.unpersist();
    input.unpersist();
    assertEquals(0L, r.getLong(2), "pairs in our top-k that MLlib does not have");
    assertTrue(r.getDouble(1) < 1e-9, "max difference " + r.getDouble(1));
    assertEquals(expected, r.getLong(0), "neighbours listed");
    assertTrue(listed > 2000, "movies with a co-rated neighbour: " + listed);
    assertEquals(listed, r.getLong(3), "every movie MLlib pairs has neighbours");
  }

  @Test
  void vocabularyIsReusedAndUnseenValuesGoToTheUnknownSlot(@TempDir Path tmp) {
    LocalDate next = DAY.plusDays(1);
    Dataset<Row> users =
        t(IngestTables.USERS)
            .selectExpr("user_id", "gender", "age", "age_years", "99 as occupation", "zip")
            .limit(3);
    try (PartitionCommit c =
        new PartitionCommit(spark, warehouse.toString(), next, TableFormat.PARQUET)) {
      c.stage(IngestTables.USERS, users);
      c.stage(IngestTables.MOVIES, t(IngestTables.MOVIES).limit(3));
      c.commit();
    }
    new FeaturesJob(config, next).run(spark);
    Dataset<Row> later = table(spark, warehouse, FeatureTables.USER_FEATURES, next.toString());
    Vector v = later.first().getAs("features");
    assertEquals(44, v.size(), "same slots as the first run");
    int occupationUnknown = 1 + 2 + 1 + 7;
    assertTrue(v.apply(occupationUnknown) == 1.0, "occupation 99 is unknown: " + v);
    assertEquals(
        t(FeatureTables.FEATURE_VOCABULARY).count(),
        table(spark, warehouse, FeatureTables.FEATURE_VOCABULARY, next.toString()).count());
  }

  @Test
  void overTheCoRatingBudgetItStopsBeforeAnyPairWorkAndKeepsTheOutput() {
    long before = t(NeighborTables.MOVIE_NEIGHBORS).count();
    AppConfig small =
        config(
            SparkTestSupport.dataDir().resolve("ml-1m"),
            warehouse,
            "similarity.max-co-rating-updates",
            "1000000");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new SimilarityJob(small, DAY).run(spark));
    assertTrue(e.getMessage().startsWith("movie-movie co-rating would make"), e.getMessage());
    assertTrue(e.getMessage().contains("Set similarity.heavy-cap="), e.getMessage());
    assertEquals(before, t(NeighborTables.MOVIE_NEIGHBORS).count());
  }
}
