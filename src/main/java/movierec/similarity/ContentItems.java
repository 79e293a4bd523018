package movierec.similarity;

import java.util.ArrayList;
import java.util.List;
import movierec.features.FeatureSchemas;
import movierec.features.Vocabulary;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Content items from the feature tables: the vector's known slots, grouped as the score needs. */
public final class ContentItems {
  private ContentItems() {}

  /** One group per user: every known attribute slot (gender, age, occupation, zip region). */
  public static List<ContentSimilarity.Item> users(Dataset<Row> userFeatures, Vocabulary vocab) {
    List<ContentSimilarity.Item> out = new ArrayList<>();
    for (Row r :
        userFeatures.select(FeatureSchemas.USER_ID, FeatureSchemas.FEATURES).collectAsList()) {
      int[] known = known(r.getAs(FeatureSchemas.FEATURES), vocab, 0, vocab.size());
      out.add(new ContentSimilarity.Item(r.getInt(0), new int[][] {known}, null));
    }
    return out;
  }

  /** Genres and title tokens as two groups, and the decade. */
  public static List<ContentSimilarity.Item> movies(Dataset<Row> movieFeatures, Vocabulary vocab) {
    int gs = vocab.start(FeatureSchemas.GENRES);
    int ge = gs + vocab.width(FeatureSchemas.GENRES);
    int ts = vocab.start(FeatureSchemas.TITLE_TOKENS);
    int te = ts + vocab.width(FeatureSchemas.TITLE_TOKENS);
    List<ContentSimilarity.Item> out = new ArrayList<>();
    for (Row r :
        movieFeatures
            .select(FeatureSchemas.MOVIE_ID, FeatureSchemas.DECADE, FeatureSchemas.FEATURES)
            .collectAsList()) {
      Vector v = r.getAs(FeatureSchemas.FEATURES);
      Integer decade = r.isNullAt(1) ? null : r.getInt(1);
      out.add(
          new ContentSimilarity.Item(
              r.getInt(0), new int[][] {known(v, vocab, gs, ge), known(v, vocab, ts, te)}, decade));
    }
    return out;
  }

  private static int[] known(Vector v, Vocabulary vocab, int from, int to) {
    int[] idx = ((SparseVector) v.toSparse()).indices();
    return java.util.Arrays.stream(idx)
        .filter(i -> i >= from && i < to && !vocab.isUnknown(i))
        .toArray();
  }
}
