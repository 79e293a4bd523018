package movierec.jobs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import movierec.features.FeatureEncoding;
import movierec.features.FeatureTables;
import movierec.features.Vocabulary;
import movierec.ingest.IngestTables;
import movierec.io.PartitionCommit;
import movierec.io.Table;
import movierec.io.Tables;
import movierec.similarity.CoRatingSimilarity;
import movierec.similarity.ContentItems;
import movierec.similarity.ContentSimilarity;
import movierec.similarity.NeighborList;
import movierec.similarity.NeighborSchemas;
import movierec.similarity.NeighborTables;
import movierec.similarity.Neighbors;
import movierec.similarity.PairBudget;
import movierec.similarity.SimilarityConfig;
import movierec.similarity.StageSizes;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * similarity: from the run date's ratings and feature tables, writes {@code movie_neighbors} and
 * {@code user_neighbors}: content similarity and co-rating similarities (cosine, Pearson, adjusted
 * cosine), each switchable, all computed block pair by block pair.
 */
public record SimilarityJob(AppConfig config, LocalDate runDate) implements Job {
  public static final String NAME = "similarity";
  private static final Logger LOG = LoggerFactory.getLogger(SimilarityJob.class);

  @Override
  public List<Table> inputs() {
    return List.of(
        IngestTables.RATINGS,
        FeatureTables.USER_FEATURES,
        FeatureTables.MOVIE_FEATURES,
        FeatureTables.FEATURE_VOCABULARY);
  }

  @Override
  public void run(SparkSession spark) {
    SimilarityConfig s = config.similarity();
    String wh = config.warehousePath();
    spark.sparkContext().setJobGroup(NAME, "similarity for " + runDate, false);
    Dataset<Row> ratings = Tables.read(spark, wh, IngestTables.RATINGS, runDate).cache();
    CoRatingSimilarity.Stats stats =
        new CoRatingSimilarity.Stats(
            spark.sparkContext().longAccumulator("zero-variance pairs"),
            spark.sparkContext().longAccumulator("pairs below min-support"));
    PairBudget.Blocks blocks = PairBudget.checkSides(spark, ratings, s);
    List<Row> vocabRows =
        s.movieContent() || s.userContent()
            ? Tables.read(spark, wh, FeatureTables.FEATURE_VOCABULARY, runDate).collectAsList()
            : List.of();

    List<JavaRDD<NeighborList>> movieParts = new ArrayList<>();
    List<JavaRDD<NeighborList>> userParts = new ArrayList<>();
    if (s.movieContent()) {
      Vocabulary v = Vocabulary.fromRows(FeatureEncoding.MOVIE, vocabRows);
      movieParts.add(
          content(
              spark,
              ContentItems.movies(Tables.read(spark, wh, FeatureTables.MOVIE_FEATURES, runDate), v),
              new ContentSimilarity.Weights(
                  new double[] {s.genreWeight(), s.titleWeight()}, s.decadeWeight())));
    }
    if (!s.movieCoRating().isEmpty()) {
      movieParts.add(coRating(spark, ratings, true, s.movieCoRating(), blocks.movie(), stats));
    }
    if (s.userContent()) {
      Vocabulary v = Vocabulary.fromRows(FeatureEncoding.USER, vocabRows);
      userParts.add(
          content(
              spark,
              ContentItems.users(Tables.read(spark, wh, FeatureTables.USER_FEATURES, runDate), v),
              new ContentSimilarity.Weights(new double[] {1.0}, 0.0)));
    }
    if (!s.userCoRating().isEmpty()) {
      userParts.add(coRating(spark, ratings, false, s.userCoRating(), blocks.user(), stats));
    }

    int k = s.topK() ? s.k() : 0;
    try (PartitionCommit commit =
        new PartitionCommit(spark, wh, runDate, config.warehouseFormat())) {
      if (!movieParts.isEmpty()) {
        commit.stage(
            NeighborTables.MOVIE_NEIGHBORS,
            Neighbors.rankAll(spark, movieParts, k, NeighborSchemas.MOVIE_ID));
      }
      if (!userParts.isEmpty()) {
        commit.stage(
            NeighborTables.USER_NEIGHBORS,
            Neighbors.rankAll(spark, userParts, k, NeighborSchemas.USER_ID));
      }
      commit.commit();
    } finally {
      ratings.unpersist();
    }
    LOG.info(
        "Similarity written for {}: {} pairs left out for zero variance (Pearson, adjusted"
            + " cosine), {} co-rated pairs below min-support {}",
        runDate,
        stats.zeroVariance().value(),
        stats.belowSupport().value(),
        s.minSupport());
  }

  private JavaRDD<NeighborList> content(
      SparkSession spark, List<ContentSimilarity.Item> items, ContentSimilarity.Weights w) {
    SimilarityConfig s = config.similarity();
    int block = s.blockSize().orElse(StageSizes.blockFor(items.size()));
    return ContentSimilarity.compute(spark, items, w, block, s.k(), s.topK(), s.threshold());
  }

  private JavaRDD<NeighborList> coRating(
      SparkSession spark,
      Dataset<Row> ratings,
      boolean movies,
      List<String> kinds,
      int blockSize,
      CoRatingSimilarity.Stats stats) {
    return CoRatingSimilarity.compute(
        spark,
        CoRatingSimilarity.input(ratings, movies),
        CoRatingSimilarity.Params.of(config.similarity(), kinds, blockSize),
        stats,
        config.similarity().plan());
  }
}
