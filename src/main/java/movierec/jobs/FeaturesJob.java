package movierec.jobs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import movierec.features.FeatureEncoding;
import movierec.features.FeatureSchemas;
import movierec.features.FeatureTables;
import movierec.features.Vocabulary;
import movierec.ingest.IngestTables;
import movierec.io.PartitionCommit;
import movierec.io.Table;
import movierec.io.Tables;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * features: reads the run date's {@code users} and {@code movies} and writes {@code user_features},
 * {@code movie_features} and the {@code feature_vocabulary} they were encoded with. The vocabulary
 * of the newest earlier run is reused (unless {@code features.refit}), so a slot keeps its meaning
 * across runs; the first run fits one.
 */
public record FeaturesJob(AppConfig config, LocalDate runDate) implements Job {
  public static final String NAME = "features";
  private static final Logger LOG = LoggerFactory.getLogger(FeaturesJob.class);

  @Override
  public List<Table> inputs() {
    return List.of(IngestTables.USERS, IngestTables.MOVIES);
  }

  @Override
  public void run(SparkSession spark) {
    String wh = config.warehousePath();
    spark.sparkContext().setJobGroup(NAME, "features for " + runDate, false);
    Dataset<Row> users =
        FeatureEncoding.userAttributes(Tables.read(spark, wh, IngestTables.USERS, runDate));
    Dataset<Row> movies =
        FeatureEncoding.movieAttributes(Tables.read(spark, wh, IngestTables.MOVIES, runDate))
            .cache();

    Optional<LocalDate> previous =
        config.features().refit()
            ? Optional.empty()
            : Tables.latestOnOrBefore(spark, wh, FeatureTables.FEATURE_VOCABULARY, runDate);
    Vocabulary userVocab;
    Vocabulary movieVocab;
    if (previous.isPresent()) {
      List<Row> rows =
          Tables.read(spark, wh, FeatureTables.FEATURE_VOCABULARY, previous.get()).collectAsList();
      userVocab = Vocabulary.fromRows(FeatureEncoding.USER, rows);
      movieVocab = Vocabulary.fromRows(FeatureEncoding.MOVIE, rows);
      LOG.info("Reusing the feature vocabulary of run date {}", previous.get());
    } else {
      userVocab = FeatureEncoding.fitUsers(users);
      movieVocab = FeatureEncoding.fitMovies(movies);
      LOG.info("Fitted a new feature vocabulary");
    }
    LOG.info(
        "Vector sizes: users {} slots ({}), movies {} slots ({})",
        userVocab.size(),
        userVocab.features(),
        movieVocab.size(),
        movieVocab.features());

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Vocabulary> ub = jsc.broadcast(userVocab);
    Broadcast<Vocabulary> mb = jsc.broadcast(movieVocab);
    List<Row> vocabRows = new ArrayList<>(userVocab.toRows());
    vocabRows.addAll(movieVocab.toRows());
    try (PartitionCommit commit =
        new PartitionCommit(spark, wh, runDate, config.warehouseFormat())) {
      commit.stage(FeatureTables.USER_FEATURES, FeatureEncoding.encodeUsers(users, ub));
      commit.stage(FeatureTables.MOVIE_FEATURES, FeatureEncoding.encodeMovies(movies, mb));
      commit.stage(
          FeatureTables.FEATURE_VOCABULARY,
          spark.createDataFrame(vocabRows, FeatureSchemas.VOCABULARY).coalesce(1));
      commit.commit();
    } finally {
      movies.unpersist();
    }
    LOG.info("Features written for {}", runDate);
  }
}
