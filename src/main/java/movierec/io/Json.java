package movierec.io;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few JSON values movierec writes (run manifests, {@code model_metrics.detail}): objects,
 * arrays, strings, numbers, booleans and null, on one line. Not a parser.
 */
public final class Json {
  private Json() {}

  /** An object of {@code fields} in their iteration order. */
  public static String object(Map<String, ?> fields) {
    StringBuilder b = new StringBuilder();
    append(b, fields);
    return b.toString();
  }

  /** A record's components, by name, in declaration order (nested records become objects). */
  public static Map<String, Object> fields(Record r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        out.put(c.getName(), c.getAccessor().invoke(r));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c + ": " + e, e);
      }
    }
    return out;
  }

  /** A JSON string literal. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static void append(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      b.append(v);
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      // JSON has no NaN or infinity
      b.append(Double.isFinite(d) ? String.valueOf(d) : "null");
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(first ? "" : ", ").append(quote(String.valueOf(e.getKey()))).append(": ");
        append(b, e.getValue());
        first = false;
      }
      b.append('}');
    } else if (v instanceof Collection<?> c) {
      appendAll(b, c.toArray());
    } else if (v.getClass().isArray()) {
      Object[] items = new Object[Array.getLength(v)];
      for (int i = 0; i < items.length; i++) {
        items[i] = Array.get(v, i);
      }
      appendAll(b, items);
    } else if (v instanceof Record r) {
      append(b, fields(r));
    } else if (v instanceof Enum<?> e) {
      b.append(quote(e.name().toLowerCase(java.util.Locale.ROOT)));
    } else {
      b.append(quote(v.toString()));
    }
  }

  private static void appendAll(StringBuilder b, Object[] items) {
    b.append('[');
    for (int i = 0; i < items.length; i++) {
      b.append(i == 0 ? "" : ", ");
      append(b, items[i]);
    }
    b.append(']');
  }
}
