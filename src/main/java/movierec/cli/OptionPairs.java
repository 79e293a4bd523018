package movierec.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A job's own options when each is {@code --name value}: parsed once, unknown names refused. */
public final class OptionPairs {
  private OptionPairs() {}

  /** The options by name, in order; a repeated option keeps its last value. */
  public static Map<String, String> parse(List<String> args, Set<String> allowed, String usage) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String opt = args.get(i);
      if (!allowed.contains(opt)) {
        throw new UsageException("unknown option " + opt + "; usage: " + usage);
      }
      if (i + 1 == args.size()) {
        throw new UsageException(opt + " needs a value; usage: " + usage);
      }
      out.put(opt, args.get(i + 1));
    }
    return out;
  }

  /** The value of {@code option} as a positive int, or a usage error naming the option. */
  public static int positiveInt(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below says what is wanted
    }
    throw new UsageException(option + " needs a positive number, got '" + value + "'");
  }
}
