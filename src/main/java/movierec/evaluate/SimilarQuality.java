package movierec.evaluate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import movierec.ingest.IngestSchemas;
import movierec.ranking.MetricRow;
import movierec.recommend.GenreOverlap;
import movierec.recommend.RecommendSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How genre-consistent and how co-rating-relevant each similar_movies method's lists are: the mean
 * over movies of the mean Jaccard(genres) between a movie and its listed neighbours, and the mean
 * share of a list that the co-rating list of the same movie also holds.
 */
public final class SimilarQuality {
  /** Metric names; the model column reads {@code similar_movies/<method>}. */
  public static final String GENRE_JACCARD = "genre_jaccard";

  public static final String CO_RATING_OVERLAP = "co_rating_overlap";
  public static final String PREFIX = "similar_movies/";

  private SimilarQuality() {}

  public static List<MetricRow> compute(Dataset<Row> similar, Dataset<Row> movies) {
    Dataset<Row> genres = movies.select(IngestSchemas.MOVIE_ID, IngestSchemas.GENRES);
    Dataset<Row> co =
        similar
            .filter(col(RecommendSchemas.METHOD).equalTo(RecommendSchemas.CO_RATING))
            .select(
                col(RecommendSchemas.MOVIE_ID),
                col(RecommendSchemas.NEIGHBOR_ID),
                lit(1.0).as("in_co"));
    Dataset<Row> perMovie =
        similar
            .join(genres.toDF(RecommendSchemas.MOVIE_ID, "ga"), RecommendSchemas.MOVIE_ID)
            .join(genres.toDF(RecommendSchemas.NEIGHBOR_ID, "gb"), RecommendSchemas.NEIGHBOR_ID)
            .join(
                co, new String[] {RecommendSchemas.MOVIE_ID, RecommendSchemas.NEIGHBOR_ID}, "left")
            .groupBy(RecommendSchemas.METHOD, RecommendSchemas.MOVIE_ID)
            .agg(
                avg(GenreOverlap.jaccard(col("ga"), col("gb"))).as(GENRE_JACCARD),
                avg(coalesce(col("in_co"), lit(0.0))).as(CO_RATING_OVERLAP));
    List<MetricRow> out = new ArrayList<>();
    for (Row r :
        perMovie
            .groupBy(RecommendSchemas.METHOD)
            .agg(avg(GENRE_JACCARD), avg(CO_RATING_OVERLAP))
            .orderBy(RecommendSchemas.METHOD)
            .collectAsList()) {
      out.add(new MetricRow(PREFIX + r.getString(0), GENRE_JACCARD, null, r.getDouble(1)));
      out.add(new MetricRow(PREFIX + r.getString(0), CO_RATING_OVERLAP, null, r.getDouble(2)));
    }
    return out;
  }
}
