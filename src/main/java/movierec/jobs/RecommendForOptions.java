package movierec.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.cli.UsageException;

/**
 * The options of recommend-for, parsed and checked before anything is read. Exactly one question:
 * {@code --user ID}, {@code --movie ID --similar}, {@code --movie ID --also-liked} or {@code
 * --new-user gender=F,age=25,occupation=4,genres=Comedy|Romance}.
 */
record RecommendForOptions(
    Question question,
    int id,
    Map<String, String> newUser,
    int top,
    String method,
    String model,
    int pick,
    int from,
    long seed) {

  /** What is asked. */
  enum Question {
    USER,
    SIMILAR,
    ALSO_LIKED,
    NEW_USER
  }

  static final String USAGE =
      "recommend-for --user ID | --movie ID --similar | --movie ID --also-liked"
          + " | --new-user gender=F,age=25,occupation=4,genres=Comedy|Romance"
          + " [--top N] [--method M] [--model M] [--pick N --from M --seed S]";

  static final List<String> NEW_USER_KEYS = List.of("gender", "age", "occupation", "genres");

  static RecommendForOptions parse(List<String> args) {
    Integer user = null;
    Integer movie = null;
    boolean similar = false;
    boolean alsoLiked = false;
    Map<String, String> newUser = null;
    int top = 10;
    String method = null;
    String model = null;
    int pick = 0;
    int from = 0;
    long seed = 0;
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String opt = rest.remove(0);
      switch (opt) {
        case "--similar" -> similar = true;
        case "--also-liked" -> alsoLiked = true;
        case "--user" -> user = positive(opt, value(opt, rest));
        case "--movie" -> movie = positive(opt, value(opt, rest));
        case "--new-user" -> newUser = newUser(value(opt, rest));
        case "--top" -> top = positive(opt, value(opt, rest));
        case "--method" -> method = value(opt, rest);
        case "--model" -> model = value(opt, rest);
        case "--pick" -> pick = positive(opt, value(opt, rest));
        case "--from" -> from = positive(opt, value(opt, rest));
        case "--seed" -> seed = parseLong(opt, value(opt, rest));
        default -> throw new UsageException("recommend-for: unknown option " + opt + "; " + USAGE);
      }
    }
    int questions = (user != null ? 1 : 0) + (movie != null ? 1 : 0) + (newUser != null ? 1 : 0);
    if (questions != 1) {
      throw new UsageException("recommend-for needs exactly one question: " + USAGE);
    }
    if (movie != null && similar == alsoLiked) {
      throw new UsageException("recommend-for --movie needs --similar or --also-liked: " + USAGE);
    }
    if (movie == null && (similar || alsoLiked)) {
      throw new UsageException("--similar and --also-liked go with --movie: " + USAGE);
    }
    if ((pick > 0) != (from > 0)) {
      throw new UsageException("--pick N and --from M go together");
    }
    if (pick > from) {
      throw new UsageException("--pick " + pick + " cannot exceed --from " + from);
    }
    Question q =
        user != null
            ? Question.USER
            : newUser != null
                ? Question.NEW_USER
                : similar ? Question.SIMILAR : Question.ALSO_LIKED;
    int id = user != null ? user : movie != null ? movie : 0;
    return new RecommendForOptions(q, id, newUser, top, method, model, pick, from, seed);
  }

  /** How many entries to read: the whole --from pool when picking. */
  int pool() {
    return pick > 0 ? from : top;
  }

  private static String value(String opt, List<String> rest) {
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new UsageException("recommend-for: " + opt + " needs a value");
    }
    return rest.remove(0);
  }

  private static int positive(String opt, String v) {
    long n = parseLong(opt, v);
    if (n <= 0 || n > Integer.MAX_VALUE) {
      throw new UsageException("recommend-for: " + opt + " must be a positive integer, got " + v);
    }
    return (int) n;
  }

  private static long parseLong(String opt, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UsageException("recommend-for: " + opt + " must be an integer, got '" + v + "'");
    }
  }

  private static Map<String, String> newUser(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(
            "recommend-for --new-user: '" + part + "' is not key=value; keys: " + NEW_USER_KEYS);
      }
      String key = part.substring(0, eq).trim();
      if (!NEW_USER_KEYS.contains(key)) {
        throw new UsageException(
            "recommend-for --new-user: unknown key '" + key + "'; keys: " + NEW_USER_KEYS);
      }
      out.put(key, part.substring(eq + 1).trim());
    }
    for (String k : List.of("age", "occupation")) {
      if (out.containsKey(k)) {
        parseLong("--new-user " + k, out.get(k));
      }
    }
    return out;
  }

  /** The liked genres of --new-user (empty when none given). */
  List<String> genres() {
    String g = newUser == null ? null : newUser.get("genres");
    return g == null || g.isBlank() ? List.of() : Arrays.asList(g.split("\\|"));
  }
}
