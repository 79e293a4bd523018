package movierec.jobs;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.cli.Converters;
import movierec.cli.UsageException;
import picocli.CommandLine.Option;

/**
 * The options of recommend-for, checked before anything is read. Exactly one question: {@code
 * --user ID}, {@code --movie ID --similar}, {@code --movie ID --also-liked} or {@code --new-user
 * gender=F,age=25,occupation=4,genres=Comedy|Romance}.
 */
public final class RecommendForOptions extends JobCommand {
  /** What is asked. */
  enum Question {
    USER,
    SIMILAR,
    ALSO_LIKED,
    NEW_USER
  }

  static final List<String> NEW_USER_KEYS = List.of("gender", "age", "occupation", "genres");

  @Option(
      names = "--user",
      paramLabel = "ID",
      converter = Converters.PositiveInt.class,
      description = "A user's top movies (the served model's, unless --model says otherwise).",
      order = 1)
  private Integer user;

  @Option(
      names = "--movie",
      paramLabel = "ID",
      converter = Converters.PositiveInt.class,
      description = "A movie's similar movies (with --similar) or also-liked (with --also-liked).",
      order = 2)
  private Integer movie;

  @Option(names = "--similar", description = "With --movie: its similar movies.", order = 3)
  private boolean similar;

  @Option(
      names = "--also-liked",
      description = "With --movie: what people who liked it also liked.",
      order = 4)
  private boolean alsoLiked;

  @Option(
      names = "--new-user",
      paramLabel = "gender=F,age=25,occupation=4,genres=Comedy|Romance",
      description = "Top movies for someone with no ratings, from what they tell us (any keys).",
      order = 5)
  private String newUserSpec;

  private Map<String, String> newUser;

  private static Map<String, String> parseNewUser(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(
            "--new-user: '" + part + "' is not key=value; keys: " + NEW_USER_KEYS);
      }
      String key = part.substring(0, eq).trim();
      if (!NEW_USER_KEYS.contains(key)) {
        throw new UsageException("--new-user: unknown key '" + key + "'; keys: " + NEW_USER_KEYS);
      }
      out.put(key, part.substring(eq + 1).trim());
    }
    for (String k : List.of("age", "occupation")) {
      if (out.containsKey(k) && !out.get(k).matches("-?\\d{1,9}")) {
        throw new UsageException("--new-user " + k + " must be a whole number, got " + out.get(k));
      }
    }
    return out;
  }

  @Option(
      names = "--top",
      paramLabel = "N",
      converter = Converters.PositiveInt.class,
      description = "How many movies to print (default: ${DEFAULT-VALUE}).",
      order = 6)
  private int top = 10;

  @Option(
      names = "--method",
      paramLabel = "M",
      description = "With --similar: which method's list (default: the blended one).",
      order = 7)
  private String method;

  @Option(
      names = "--model",
      paramLabel = "M",
      description = "The model whose list to print (default: the served one).",
      order = 8)
  private String model;

  @Option(
      names = "--pick",
      paramLabel = "N",
      converter = Converters.PositiveInt.class,
      description = "Print N movies drawn at random from the top --from (with --from).",
      order = 9)
  private int pick;

  @Option(
      names = "--from",
      paramLabel = "M",
      converter = Converters.PositiveInt.class,
      description = "The pool --pick draws from.",
      order = 10)
  private int from;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of --pick's draw (default: ${DEFAULT-VALUE}).",
      order = 11)
  private long seed;

  @Override
  public Job create(AppConfig config, LocalDate runDate) {
    check();
    return new RecommendForJob(config, runDate, this, System.out);
  }

  /** The combinations the declarations cannot check; returns this for chaining. */
  RecommendForOptions check() {
    newUser = newUserSpec == null ? null : parseNewUser(newUserSpec);
    int questions = (user != null ? 1 : 0) + (movie != null ? 1 : 0) + (newUser != null ? 1 : 0);
    if (questions != 1) {
      throw new UsageException("needs exactly one of --user, --movie or --new-user");
    }
    if (movie != null && similar == alsoLiked) {
      throw new UsageException("--movie needs one of --similar or --also-liked");
    }
    if (movie == null && (similar || alsoLiked)) {
      throw new UsageException("--similar and --also-liked go with --movie");
    }
    if ((pick > 0) != (from > 0)) {
      throw new UsageException("--pick N and --from M go together");
    }
    if (pick > from) {
      throw new UsageException("--pick " + pick + " cannot exceed --from " + from);
    }
    return this;
  }

  Question question() {
    if (user != null) {
      return Question.USER;
    }
    if (newUser != null) {
      return Question.NEW_USER;
    }
    return similar ? Question.SIMILAR : Question.ALSO_LIKED;
  }

  /** The user's or the movie's id (0 for a new user). */
  int id() {
    return user != null ? user : movie != null ? movie : 0;
  }

  Map<String, String> newUser() {
    return newUser;
  }

  int top() {
    return top;
  }

  String method() {
    return method;
  }

  String model() {
    return model;
  }

  int pick() {
    return pick;
  }

  int from() {
    return from;
  }

  long seed() {
    return seed;
  }

  /** How many entries to read: the whole --from pool when picking. */
  int pool() {
    return pick > 0 ? from : top;
  }

  /** The liked genres of --new-user (empty when none given). */
  List<String> genres() {
    String g = newUser == null ? null : newUser.get("genres");
    return g == null || g.isBlank() ? List.of() : Arrays.asList(g.split("\\|"));
  }
}
