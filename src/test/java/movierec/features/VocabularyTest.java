package movierec.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  private static Vocabulary example() {
    LinkedHashMap<String, Collection<String>> observed = new LinkedHashMap<>();
    observed.put("gender", List.of("M", "F"));
    observed.put("age", List.of("18", "1", "56"));
    return Vocabulary.fit("user", observed);
  }

  @Test
  void slotsAreUnknownFirstThenSortedValues() {
    Vocabulary v = example();
    assertEquals(7, v.size());
    assertEquals(0, v.slot("gender", "x-unseen"));
    assertEquals(1, v.slot("gender", "F"));
    assertEquals(2, v.slot("gender", "M"));
    assertEquals(3, v.slot("age", null));
    assertEquals(4, v.slot("age", "1"), "numbers sort as numbers");
    assertEquals(5, v.slot("age", "18"));
    assertEquals(6, v.slot("age", "56"));
    assertTrue(v.isUnknown(3));
    assertFalse(v.isUnknown(4));
  }

  @Test
  void rowsRoundTripSoSlotsSurviveAcrossRuns() {
    Vocabulary v = example();
    Vocabulary back = Vocabulary.fromRows("user", v.toRows());
    assertEquals(v.size(), back.size());
    for (String g : List.of("F", "M", "?")) {
      assertEquals(v.slot("gender", g), back.slot("gender", g));
    }
    assertEquals(v.slot("age", "56"), back.slot("age", "56"));
    assertEquals(v.features(), back.features());
  }
}
