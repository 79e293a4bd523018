package movierec.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The slots of one entity's feature vector: for each feature, in a fixed order, an "unknown" slot
 * followed by one slot per value seen when the vocabulary was fitted. A value not in the
 * vocabulary, or a missing one, lands in its feature's unknown slot, so a vocabulary fitted once
 * keeps every slot's meaning in later runs.
 *
 * <p>Example: features gender {F, M} and age {1, 18} give slots 0 gender=unknown, 1 gender=F, 2
 * gender=M, 3 age=unknown, 4 age=1, 5 age=18.
 */
public final class Vocabulary implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The value of every feature's first slot. */
  public static final String UNKNOWN = "<unknown>";

  private final String entity;
  private final LinkedHashMap<String, List<String>> slots;
  private final Map<String, Map<String, Integer>> index = new HashMap<>();
  private final Map<String, Integer> start = new HashMap<>();
  private final int size;

  private Vocabulary(String entity, LinkedHashMap<String, List<String>> slots) {
    this.entity = entity;
    this.slots = slots;
    int next = 0;
    for (Map.Entry<String, List<String>> e : slots.entrySet()) {
      start.put(e.getKey(), next);
      Map<String, Integer> m = new HashMap<>();
      for (String v : e.getValue()) {
        m.put(v, next++);
      }
      index.put(e.getKey(), m);
    }
    this.size = next;
  }

  /**
   * Fits a vocabulary: for each feature (in the map's order), its observed values sorted
   * numerically when they are all numbers, else as text.
   */
  public static Vocabulary fit(String entity, LinkedHashMap<String, Collection<String>> observed) {
    LinkedHashMap<String, List<String>> slots = new LinkedHashMap<>();
    for (Map.Entry<String, Collection<String>> e : observed.entrySet()) {
      boolean numeric = e.getValue().stream().allMatch(v -> v.matches("-?\\d{1,9}"));
      Comparator<String> order =
          numeric ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder();
      TreeSet<String> values = new TreeSet<>(order);
      e.getValue().stream().filter(v -> v != null && !v.equals(UNKNOWN)).forEach(values::add);
      List<String> list = new ArrayList<>();
      list.add(UNKNOWN);
      list.addAll(values);
      slots.put(e.getKey(), list);
    }
    return new Vocabulary(entity, slots);
  }

  /**
   * Rebuilds a vocabulary from its rows in the feature_vocabulary table (columns in the order of
   * {@link FeatureSchemas#VOCABULARY}: entity, feature, value, index).
   */
  public static Vocabulary fromRows(String entity, List<Row> rows) {
    List<Row> mine =
        rows.stream()
            .filter(r -> entity.equals(r.getString(0)))
            .sorted(Comparator.comparingInt(r -> r.getInt(3)))
            .toList();
    LinkedHashMap<String, List<String>> slots = new LinkedHashMap<>();
    for (int i = 0; i < mine.size(); i++) {
      Row r = mine.get(i);
      if (r.getInt(3) != i) {
        throw new IllegalStateException(
            "feature_vocabulary for " + entity + " has a gap or repeat at slot " + i);
      }
      slots.computeIfAbsent(r.getString(1), f -> new ArrayList<>()).add(r.getString(2));
    }
    return new Vocabulary(entity, slots);
  }

  /** The vocabulary's rows for the feature_vocabulary table. */
  public List<Row> toRows() {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : slots.entrySet()) {
      for (String v : e.getValue()) {
        rows.add(RowFactory.create(entity, e.getKey(), v, index.get(e.getKey()).get(v)));
      }
    }
    return rows;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }

  public List<String> features() {
    return List.copyOf(slots.keySet());
  }

  /** The slot of {@code value} of {@code feature}; the unknown slot for null or unseen values. */
  public int slot(String feature, String value) {
    Map<String, Integer> m = index.get(feature);
    if (m == null) {
      throw new IllegalArgumentException(
          "no feature " + feature + " in the " + entity + " vocabulary");
    }
    Integer i = value == null ? null : m.get(value);
    return i != null ? i : start.get(feature);
  }

  /** Whether {@code slot} is some feature's unknown slot. */
  public boolean isUnknown(int slot) {
    return start.containsValue(slot);
  }

  /** The first slot of {@code feature}; its slots run to the next feature's first slot. */
  public int start(String feature) {
    return start.get(feature);
  }

  /** How many slots {@code feature} has, its unknown slot included. */
  public int width(String feature) {
    return slots.get(feature).size();
  }
}
