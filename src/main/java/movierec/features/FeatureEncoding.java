package movierec.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import movierec.ingest.IngestSchemas;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Pure transforms from the ingest tables to feature tables.
 *
 * <p>Users: one-hot gender, age bucket, occupation and zip region. The zip region is the first
 * digit of a US zip code (the ten national areas of the ZIP system, 0 = New England ... 9 = West
 * Coast); any other non-empty code is "other" (MovieLens 1M has a few Canadian and foreign codes).
 *
 * <p>Movies: multi-hot genres, one-hot release decade (from the title's year), multi-hot title
 * tokens ({@link TitleTokens}).
 */
public final class FeatureEncoding {
  public static final String USER = "user";
  public static final String MOVIE = "movie";

  private FeatureEncoding() {}

  /** user_id, gender, age, occupation, zip_region from the users table. */
  public static Dataset<Row> userAttributes(Dataset<Row> users) {
    return users.select(
        col(IngestSchemas.USER_ID),
        col(IngestSchemas.GENDER),
        col(IngestSchemas.AGE),
        col(IngestSchemas.OCCUPATION),
        when(col(IngestSchemas.ZIP).rlike("^[0-9]"), substring(col(IngestSchemas.ZIP), 1, 1))
            .when(col(IngestSchemas.ZIP).isNotNull(), "other")
            .as(FeatureSchemas.ZIP_REGION));
  }

  /** movie_id, genres, decade, title_tokens from the movies table. */
  public static Dataset<Row> movieAttributes(Dataset<Row> movies) {
    StructType schema = FeatureSchemas.MOVIE_ATTRIBUTES;
    return movies
        .select(
            IngestSchemas.MOVIE_ID, IngestSchemas.GENRES, IngestSchemas.YEAR, IngestSchemas.TITLE)
        .map((MapFunction<Row, Row>) FeatureEncoding::movieAttributesOf, Encoders.row(schema));
  }

  private static Row movieAttributesOf(Row m) {
    Integer year = m.isNullAt(2) ? null : m.getInt(2);
    Seq<String> tokens = CollectionConverters.asScala(TitleTokens.tokens(m.getString(3))).toList();
    return RowFactory.create(m.getInt(0), m.get(1), year == null ? null : year / 10 * 10, tokens);
  }

  /** Fits the user vocabulary on the values present in {@code attributes}. */
  public static Vocabulary fitUsers(Dataset<Row> attributes) {
    LinkedHashMap<String, Collection<String>> observed = new LinkedHashMap<>();
    for (String f :
        List.of(
            FeatureSchemas.GENDER,
            FeatureSchemas.AGE,
            FeatureSchemas.OCCUPATION,
            FeatureSchemas.ZIP_REGION)) {
      observed.put(f, distinct(attributes.select(col(f).cast("string"))));
    }
    return Vocabulary.fit(USER, observed);
  }

  /** Fits the movie vocabulary on the values present in {@code attributes}. */
  public static Vocabulary fitMovies(Dataset<Row> attributes) {
    LinkedHashMap<String, Collection<String>> observed = new LinkedHashMap<>();
    observed.put(
        FeatureSchemas.GENRES, distinct(attributes.select(explode(col(FeatureSchemas.GENRES)))));
    observed.put(
        FeatureSchemas.DECADE,
        distinct(attributes.select(col(FeatureSchemas.DECADE).cast("string"))));
    observed.put(
        FeatureSchemas.TITLE_TOKENS,
        distinct(attributes.select(explode(col(FeatureSchemas.TITLE_TOKENS)))));
    return Vocabulary.fit(MOVIE, observed);
  }

  private static Collection<String> distinct(Dataset<Row> oneColumn) {
    TreeSet<String> out = new TreeSet<>();
    for (String v : oneColumn.distinct().as(Encoders.STRING()).collectAsList()) {
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** The user attributes with their one-hot vector. */
  public static Dataset<Row> encodeUsers(Dataset<Row> attributes, Broadcast<Vocabulary> vocab) {
    return attributes
        .select(
            java.util.Arrays.stream(FeatureSchemas.USER_ATTRIBUTES.fieldNames())
                .map(c -> col(c))
                .toArray(org.apache.spark.sql.Column[]::new))
        .map(
            (MapFunction<Row, Row>) r -> withVector(r, userSlots(r, vocab.value()), vocab.value()),
            Encoders.row(FeatureSchemas.USER_FEATURES));
  }

  /** The movie attributes with their multi-hot vector. */
  public static Dataset<Row> encodeMovies(Dataset<Row> attributes, Broadcast<Vocabulary> vocab) {
    return attributes.map(
        (MapFunction<Row, Row>) r -> withVector(r, movieSlots(r, vocab.value()), vocab.value()),
        Encoders.row(FeatureSchemas.MOVIE_FEATURES));
  }

  static int[] userSlots(Row r, Vocabulary v) {
    return sorted(
        v.slot(FeatureSchemas.GENDER, str(r, 1)),
        v.slot(FeatureSchemas.AGE, str(r, 2)),
        v.slot(FeatureSchemas.OCCUPATION, str(r, 3)),
        v.slot(FeatureSchemas.ZIP_REGION, str(r, 4)));
  }

  static int[] movieSlots(Row r, Vocabulary v) {
    TreeSet<Integer> slots = new TreeSet<>();
    List<String> genres = r.getList(1);
    if (genres.isEmpty()) {
      slots.add(v.slot(FeatureSchemas.GENRES, null));
    }
    genres.forEach(g -> slots.add(v.slot(FeatureSchemas.GENRES, g)));
    slots.add(v.slot(FeatureSchemas.DECADE, str(r, 2)));
    List<String> tokens = r.getList(3);
    tokens.forEach(t -> slots.add(v.slot(FeatureSchemas.TITLE_TOKENS, t)));
    return slots.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String str(Row r, int i) {
    return r.isNullAt(i) ? null : String.valueOf(r.get(i));
  }

  private static int[] sorted(int... slots) {
    return java.util.Arrays.stream(slots).sorted().distinct().toArray();
  }

  private static Row withVector(Row r, int[] slots, Vocabulary vocab) {
    double[] ones = new double[slots.length];
    java.util.Arrays.fill(ones, 1.0);
    Vector vec = Vectors.sparse(vocab.size(), slots, ones);
    Object[] values = new Object[r.length() + 1];
    for (int i = 0; i < r.length(); i++) {
      values[i] = r.get(i);
    }
    values[r.length()] = vec;
    return RowFactory.create(values);
  }

  /** The title words of a feature_vocabulary partition, in slot order ("unknown" left out). */
  public static List<String> titleWords(Dataset<Row> vocabulary) {
    return vocabulary
        .filter(
            col(FeatureSchemas.ENTITY)
                .equalTo(MOVIE)
                .and(col(FeatureSchemas.FEATURE).equalTo(FeatureSchemas.TITLE_TOKENS))
                .and(col(FeatureSchemas.VALUE).notEqual(Vocabulary.UNKNOWN)))
        .select(FeatureSchemas.VALUE)
        .as(Encoders.STRING())
        .collectAsList();
  }
}
