package movierec.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import movierec.features.TitleTokens;
import movierec.ingest.IngestSchemas;
import movierec.model.FeatureTable;
import movierec.model.InputSpace;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds the model's input space and feature table from the (small, driver-side) users and movies.
 * Users and movies with training ratings get id rows; every user and movie gets a feature row, so a
 * cold-start entity is scored from its attributes alone.
 */
public final class ModelInputs {
  /** A user's attributes; null where unknown. */
  public record User(int id, String gender, Integer age, Integer occupation) {}

  /** A movie's genres and title (without the year). */
  public record Movie(int id, List<String> genres, String title) {}

  private ModelInputs() {}

  /**
   * @param titleWords the title vocabulary of the features job, or empty to fit one from titles
   */
  public static InputSpace space(
      Collection<User> users,
      Collection<Movie> movies,
      int[] trainUserIds,
      int[] trainMovieIds,
      Collection<String> titleWords) {
    TreeSet<String> genders = new TreeSet<>();
    TreeSet<Integer> ages = new TreeSet<>();
    TreeSet<Integer> occupations = new TreeSet<>();
    for (User u : users) {
      if (u.gender() != null) {
        genders.add(u.gender());
      }
      if (u.age() != null) {
        ages.add(u.age());
      }
      if (u.occupation() != null) {
        occupations.add(u.occupation());
      }
    }
    TreeSet<String> genres = new TreeSet<>();
    TreeSet<String> words = new TreeSet<>(titleWords);
    int slots = 1;
    for (Movie m : movies) {
      genres.addAll(m.genres());
      slots = Math.max(slots, m.genres().size());
      if (titleWords.isEmpty()) {
        words.addAll(TitleTokens.tokens(m.title()));
      }
    }
    return new InputSpace(
        trainUserIds,
        trainMovieIds,
        genders.toArray(new String[0]),
        ages.stream().mapToInt(Integer::intValue).toArray(),
        occupations.stream().mapToInt(Integer::intValue).toArray(),
        genres.toArray(new String[0]),
        words.toArray(new String[0]),
        slots);
  }

  /** One feature row per user and movie, sorted by id. */
  public static FeatureTable table(
      InputSpace space, Collection<User> users, Collection<Movie> movies, int titleLength) {
    TreeMap<Integer, User> us = new TreeMap<>();
    users.forEach(u -> us.put(u.id(), u));
    TreeMap<Integer, Movie> ms = new TreeMap<>();
    movies.forEach(m -> ms.put(m.id(), m));
    int nu = us.size();
    int[] userIds = new int[nu];
    int[] idIndex = new int[nu];
    int[] gender = new int[nu];
    int[] age = new int[nu];
    int[] occupation = new int[nu];
    int i = 0;
    for (User u : us.values()) {
      userIds[i] = u.id();
      idIndex[i] = space.userIndex(u.id());
      gender[i] = space.genderIndex(u.gender());
      age[i] = space.ageIndex(u.age());
      occupation[i] = space.occupationIndex(u.occupation());
      i++;
    }
    int nm = ms.size();
    int[] movieIds = new int[nm];
    int[] movieIndex = new int[nm];
    int[][] genres = new int[nm][];
    int[][] titles = new int[nm][];
    i = 0;
    for (Movie m : ms.values()) {
      movieIds[i] = m.id();
      movieIndex[i] = space.movieIndex(m.id());
      genres[i] = space.genreRow(m.genres());
      titles[i] = space.titleRow(TitleTokens.tokens(m.title()), titleLength);
      i++;
    }
    return new FeatureTable(
        userIds, idIndex, gender, age, occupation, movieIds, movieIndex, genres, titles);
  }

  /** Users for ids that only appear in ratings (no demographics known). */
  public static List<User> withRatedOnly(Collection<User> users, int[] ratedUserIds) {
    TreeSet<Integer> known = new TreeSet<>();
    users.forEach(u -> known.add(u.id()));
    List<User> out = new ArrayList<>(users);
    for (int id : ratedUserIds) {
      if (known.add(id)) {
        out.add(new User(id, null, null, null));
      }
    }
    return out;
  }

  /** The users table's attributes, on the driver. */
  public static List<User> users(Dataset<Row> users) {
    List<User> out = new ArrayList<>();
    for (Row r :
        users
            .select(
                IngestSchemas.USER_ID,
                IngestSchemas.GENDER,
                IngestSchemas.AGE,
                IngestSchemas.OCCUPATION)
            .collectAsList()) {
      out.add(
          new User(
              r.getInt(0),
              r.isNullAt(1) ? null : r.getString(1),
              r.isNullAt(2) ? null : r.getInt(2),
              r.isNullAt(3) ? null : r.getInt(3)));
    }
    return out;
  }

  /** The movies table's genres and titles, on the driver. */
  public static List<Movie> movies(Dataset<Row> movies) {
    List<Movie> out = new ArrayList<>();
    for (Row r :
        movies
            .select(IngestSchemas.MOVIE_ID, IngestSchemas.GENRES, IngestSchemas.TITLE)
            .collectAsList()) {
      out.add(new Movie(r.getInt(0), r.getList(1), r.getString(2)));
    }
    return out;
  }

  /** Per user (or movie) row, the movie (or user) rows of its ratings and the ratings, in step. */
  public record RatingLists(int[][] ids, double[][] ratings) {
    /** The same ratings keyed by the other side: {@code rows} lists of the keys that rated each. */
    public RatingLists transpose(int rows) {
      int[] counts = new int[rows];
      for (int[] row : ids) {
        for (int o : row) {
          counts[o]++;
        }
      }
      int[][] outIds = new int[rows][];
      double[][] outValues = new double[rows][];
      for (int o = 0; o < rows; o++) {
        outIds[o] = new int[counts[o]];
        outValues[o] = new double[counts[o]];
      }
      int[] fill = new int[rows];
      for (int k = 0; k < ids.length; k++) {
        for (int i = 0; i < ids[k].length; i++) {
          int o = ids[k][i];
          outIds[o][fill[o]] = k;
          outValues[o][fill[o]++] = ratings[k][i];
        }
      }
      return new RatingLists(outIds, outValues);
    }

    /** The mean of every rating in the lists: the centre of the ratings inputs. */
    public double mean() {
      double sum = 0;
      long n = 0;
      for (double[] row : ratings) {
        for (double r : row) {
          sum += r;
          n++;
        }
      }
      return n == 0 ? 0 : sum / n;
    }
  }

  /** Each user row's ratings in {@code ratings}: movie rows and ratings (the ratings input). */
  public static RatingLists byUser(Dataset<Row> ratings, FeatureTable features) {
    return lists(
        ratings,
        TrainSchemas.USER_ID,
        TrainSchemas.MOVIE_ID,
        features.users(),
        features::userRow,
        features::movieRow);
  }

  private static RatingLists lists(
      Dataset<Row> ratings,
      String key,
      String other,
      int rows,
      java.util.function.IntUnaryOperator keyRow,
      java.util.function.IntUnaryOperator otherRow) {
    int[][] ids = new int[rows][];
    double[][] values = new double[rows][];
    java.util.Arrays.fill(ids, new int[0]);
    java.util.Arrays.fill(values, new double[0]);
    // collect_list keeps the order rows arrive in, which follows the table's file layout (a Delta
    // and a Parquet copy of the same rows differ); sorted, a list sums to the same bag vector, and
    // training writes the same model bytes, whatever the layout.
    for (Row r :
        ratings
            .groupBy(key)
            .agg(
                org.apache.spark.sql.functions.array_sort(
                    org.apache.spark.sql.functions.collect_list(
                        org.apache.spark.sql.functions.struct(other, TrainSchemas.RATING))))
            .collectAsList()) {
      List<Row> pairs = r.getList(1);
      int k = keyRow.applyAsInt(r.getInt(0));
      ids[k] = new int[pairs.size()];
      values[k] = new double[pairs.size()];
      for (int i = 0; i < pairs.size(); i++) {
        ids[k][i] = otherRow.applyAsInt(pairs.get(i).getInt(0));
        values[k][i] = pairs.get(i).getDouble(1);
      }
    }
    return new RatingLists(ids, values);
  }
}
