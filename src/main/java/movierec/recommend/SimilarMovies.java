package movierec.recommend;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import movierec.ingest.IngestSchemas;
import movierec.similarity.Kind;
import movierec.similarity.NeighborSchemas;
import movierec.train.TrainSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * similar_movies: per movie, the n nearest by cosine of the learned movie vectors (embedding), the
 * similarity job's co-rating and content neighbours, and a blend of the last two.
 *
 * <p>Co-rating neighbours are relevant (people rate them together) but cross genres freely (a
 * drama's neighbours can be action films); content neighbours share genres but know nothing of
 * taste. The blend ranks the union of both lists by genre-weight x Jaccard(genres) +
 * co-rating-weight x (co-rating score / the movie's best co-rating score), so a candidate must
 * share genres and be co-rated to rank high.
 */
public final class SimilarMovies {
  private static final String CO = "co";
  private static final String CO_NORM = "co_norm";
  private static final String JACCARD = "jaccard";

  private SimilarMovies() {}

  /** Nearest movies by cosine of the vectors (movie_id, vector), excluding the movie itself. */
  public static Dataset<Row> embedding(
      SparkSession spark, Dataset<Row> movieVectors, int n, BlockedTopN.Blocks blocks) {
    Dataset<Row> left =
        movieVectors.select(
            col(TrainSchemas.MOVIE_ID).as(BlockedTopN.ID),
            col(TrainSchemas.VECTOR).as(BlockedTopN.VECTOR),
            lit(0.0).as(BlockedTopN.SHIFT),
            array(col(TrainSchemas.MOVIE_ID)).as(BlockedTopN.EXCLUDE));
    Dataset<Row> right = left.drop(BlockedTopN.EXCLUDE);
    return BlockedTopN.topN(spark, left, right, n, blocks, true)
        .select(
            col(BlockedTopN.LEFT_ID).as(RecommendSchemas.MOVIE_ID),
            lit(RecommendSchemas.EMBEDDING).as(RecommendSchemas.METHOD),
            col(RecommendSchemas.RANK),
            col(BlockedTopN.RIGHT_ID).as(RecommendSchemas.NEIGHBOR_ID),
            col(RecommendSchemas.SCORE));
  }

  /** One kind of the similarity job's movie_neighbors as a method's lists, cut to n. */
  public static Dataset<Row> fromNeighbors(
      Dataset<Row> movieNeighbors, Kind kind, String method, int n) {
    return movieNeighbors
        .filter(col(NeighborSchemas.KIND).equalTo(kind.code()))
        .filter(col(NeighborSchemas.RANK).leq(n))
        .select(
            col(NeighborSchemas.MOVIE_ID).as(RecommendSchemas.MOVIE_ID),
            lit(method).as(RecommendSchemas.METHOD),
            col(NeighborSchemas.RANK).as(RecommendSchemas.RANK),
            col(NeighborSchemas.NEIGHBOR_ID).as(RecommendSchemas.NEIGHBOR_ID),
            col(NeighborSchemas.SCORE).as(RecommendSchemas.SCORE));
  }

  /**
   * The blended lists from the co-rating and content lists (similar_movies rows) and the movies
   * table (movie_id, genres).
   */
  public static Dataset<Row> blended(
      Dataset<Row> coRating,
      Dataset<Row> content,
      Dataset<Row> movies,
      double genreWeight,
      double coRatingWeight,
      int n) {
    Column[] key = {col(RecommendSchemas.MOVIE_ID), col(RecommendSchemas.NEIGHBOR_ID)};
    Dataset<Row> co = coRating.select(key[0], key[1], col(RecommendSchemas.SCORE).as(CO));
    Dataset<Row> candidates =
        co.join(
                content.select(key[0], key[1]),
                new String[] {RecommendSchemas.MOVIE_ID, RecommendSchemas.NEIGHBOR_ID},
                "full_outer")
            .withColumn(
                CO_NORM,
                coalesce(
                    col(CO)
                        .divide(max(col(CO)).over(Window.partitionBy(RecommendSchemas.MOVIE_ID))),
                    lit(0.0)));
    Dataset<Row> genres = movies.select(IngestSchemas.MOVIE_ID, IngestSchemas.GENRES);
    Dataset<Row> a = genres.toDF(RecommendSchemas.MOVIE_ID, "genres_a");
    Dataset<Row> b = genres.toDF(RecommendSchemas.NEIGHBOR_ID, "genres_b");
    Dataset<Row> scored =
        candidates
            .join(a, RecommendSchemas.MOVIE_ID)
            .join(b, RecommendSchemas.NEIGHBOR_ID)
            .withColumn(JACCARD, GenreOverlap.jaccard(col("genres_a"), col("genres_b")))
            .withColumn(
                RecommendSchemas.SCORE,
                col(JACCARD).multiply(genreWeight).plus(col(CO_NORM).multiply(coRatingWeight)));
    return rankWithin(
            scored,
            RecommendSchemas.MOVIE_ID,
            n,
            col(RecommendSchemas.SCORE).desc(),
            col(RecommendSchemas.NEIGHBOR_ID).asc())
        .select(
            col(RecommendSchemas.MOVIE_ID),
            lit(RecommendSchemas.BLENDED).as(RecommendSchemas.METHOD),
            col(RecommendSchemas.RANK),
            col(RecommendSchemas.NEIGHBOR_ID),
            col(RecommendSchemas.SCORE));
  }

  /** Numbers rows 1.. within each key in {@code order} (which must break ties), keeping n. */
  static Dataset<Row> rankWithin(Dataset<Row> rows, String key, int n, Column... order) {
    return rows.withColumn(
            RecommendSchemas.RANK, row_number().over(Window.partitionBy(key).orderBy(order)))
        .filter(col(RecommendSchemas.RANK).leq(n));
  }

  /**
   * similar_movies: each method's lists (the movie vectors' embedding cosine, co-rating, content)
   * and their blend.
   */
  public static Dataset<Row> all(
      SparkSession spark,
      Dataset<Row> neighbors,
      Dataset<Row> movieVectors,
      Dataset<Row> movies,
      RecommendConfig rc) {
    Dataset<Row> coRating =
        fromNeighbors(neighbors, Kind.of(rc.coRatingKind()), RecommendSchemas.CO_RATING, rc.topN());
    Dataset<Row> content =
        fromNeighbors(neighbors, Kind.CONTENT, RecommendSchemas.CONTENT, rc.topN());
    return embedding(spark, movieVectors, rc.topN(), rc.blocks())
        .unionAll(coRating)
        .unionAll(content)
        .unionAll(
            blended(coRating, content, movies, rc.genreWeight(), rc.coRatingWeight(), rc.topN()));
  }
}
