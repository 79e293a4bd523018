package movierec.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One subtree of the resolved configuration ({@code similarity}, {@code train.model}, ...) with
 * checked getters: each capability's settings record reads its own subtree through one of these,
 * and a bad value is refused with the key's full name. The checks are the config's only validation;
 * nothing downstream re-checks a value.
 */
public final class Settings {
  private static final Pattern MEMORY = Pattern.compile("\\d+[kKmMgGtT]?");

  private final Config root;
  private final String prefix;

  private Settings(Config root, String prefix) {
    this.root = root;
    this.prefix = prefix;
  }

  /** The subtree at {@code path} of the resolved config ({@code ""}: the whole of it). */
  public static Settings at(Config root, String path) {
    return new Settings(root, path.isEmpty() ? "" : path + ".");
  }

  /** A subtree of this one. */
  public Settings sub(String name) {
    return new Settings(root, prefix + name + ".");
  }

  /** The full name of {@code key}, as messages and reference.conf spell it. */
  public String key(String key) {
    return prefix + key;
  }

  /** A refusal of this subtree's {@code key}, for checks that span several values. */
  public BadValue bad(String key, String why) {
    return new BadValue(key(key), why);
  }

  public boolean bool(String key) {
    return root.getBoolean(key(key));
  }

  public int integer(String key) {
    return root.getInt(key(key));
  }

  public long longValue(String key) {
    return root.getLong(key(key));
  }

  public double number(String key) {
    return root.getDouble(key(key));
  }

  public String string(String key) {
    return root.getString(key(key));
  }

  public List<String> strings(String key) {
    return root.getStringList(key(key));
  }

  public List<Integer> ints(String key) {
    return root.getIntList(key(key));
  }

  public List<Double> numbers(String key) {
    return root.getDoubleList(key(key));
  }

  /** Empty when the key is set to null (reference.conf's "unset"). */
  public <T> Optional<T> optional(String key, Function<String, T> read) {
    return root.getIsNull(key(key)) ? Optional.empty() : Optional.of(read.apply(key));
  }

  public int positive(String key) {
    int v = integer(key);
    if (v <= 0) {
      throw bad(key, "must be positive, got " + v);
    }
    return v;
  }

  public int nonNegative(String key) {
    int v = integer(key);
    if (v < 0) {
      throw bad(key, "must be 0 or more, got " + v);
    }
    return v;
  }

  public long positiveLong(String key) {
    long v = longValue(key);
    if (v <= 0) {
      throw bad(key, "must be positive, got " + v);
    }
    return v;
  }

  /** A size such as {@code 8g} or a number of bytes. */
  public long positiveBytes(String key) {
    long v = root.getBytes(key(key));
    if (v <= 0) {
      throw bad(key, "must be positive, got " + v);
    }
    return v;
  }

  public double nonNegativeDouble(String key) {
    double v = number(key);
    if (!(v >= 0)) {
      throw bad(key, "must be 0 or more, got " + v);
    }
    return v;
  }

  /** A value in [0, 1). */
  public double fraction(String key) {
    double v = number(key);
    if (!(v >= 0 && v < 1)) {
      throw bad(key, "must be in [0, 1), got " + v);
    }
    return v;
  }

  /** A value in [0, 1]. */
  public double unit(String key) {
    double v = number(key);
    if (!(v >= 0 && v <= 1)) {
      throw bad(key, "must be in [0, 1], got " + v);
    }
    return v;
  }

  /** A value in (0, 1]. */
  public double decay(String key) {
    double v = number(key);
    if (!(v > 0 && v <= 1)) {
      throw bad(key, "must be in (0, 1], got " + v);
    }
    return v;
  }

  /** A rating in [1, 5]. */
  public double rating(String key) {
    double v = number(key);
    if (!(v >= 1 && v <= 5)) {
      throw bad(key, "must be in [1, 5], got " + v);
    }
    return v;
  }

  public String nonBlank(String key) {
    String v = string(key);
    if (v.isBlank()) {
      throw bad(key, "must not be empty");
    }
    return v;
  }

  public String oneOf(String key, Set<String> allowed) {
    String v = string(key);
    if (!allowed.contains(v)) {
      throw bad(key, "'" + v + "' is not one of " + new TreeSet<>(allowed));
    }
    return v;
  }

  /** Each of the list's values one of {@code allowed}. */
  public List<String> eachOneOf(String key, Set<String> allowed) {
    List<String> v = strings(key);
    for (String s : v) {
      if (!allowed.contains(s)) {
        throw bad(key, "'" + s + "' is not one of " + new TreeSet<>(allowed));
      }
    }
    return v;
  }

  /** A JVM memory size such as {@code 512m} or {@code 4g}. */
  public String memory(String key) {
    String v = string(key);
    if (!MEMORY.matcher(v).matches()) {
      throw bad(key, "'" + v + "' is not a memory size such as 512m or 4g");
    }
    return v;
  }

  public List<Integer> positiveInts(String key) {
    List<Integer> v = ints(key);
    if (v.isEmpty() || v.stream().anyMatch(k -> k <= 0)) {
      throw bad(key, "must be a non-empty list of positive ints, got " + v);
    }
    return v;
  }

  /** Metric cut-offs: positive, each once, ascending. */
  public List<Integer> cutOffs(String key) {
    return positiveInts(key).stream().distinct().sorted().toList();
  }
}
