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

  /**
   * Each user row's rated movies in {@code ratings} (movie rows): the history input of the user
   * tower. Users without any get an empty history.
   */
  public static int[][] histories(Dataset<Row> ratings, FeatureTable features) {
    int[][] out = new int[features.users()][];
    java.util.Arrays.fill(out, new int[0]);
    for (Row r :
        ratings
            .groupBy(TrainSchemas.USER_ID)
            .agg(org.apache.spark.sql.functions.collect_list(TrainSchemas.MOVIE_ID))
            .collectAsList()) {
      List<Integer> movies = r.getList(1);
      int[] rows = new int[movies.size()];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = features.movieRow(movies.get(i));
      }
      out[features.userRow(r.getInt(0))] = rows;
    }
    return out;
  }
}
