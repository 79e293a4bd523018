package movierec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.model.ModelConfig;
import org.junit.jupiter.api.Test;

class JsonTest {
  private record Inner(int[] sizes, ModelConfig.Objective objective) {}

  @Test
  void valuesOfEveryKindInOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a \"quoted\"\\ line\n\u0001");
    m.put("i", 3);
    m.put("d", 0.25);
    m.put("nan", Double.NaN);
    m.put("b", true);
    m.put("none", null);
    m.put("list", List.of(1, "x"));
    m.put("record", new Inner(new int[] {2, 3}, ModelConfig.Objective.RANKING));
    assertEquals(
        "{\"s\": \"a \\\"quoted\\\"\\\\ line\\n\\u0001\", \"i\": 3, \"d\": 0.25, \"nan\": null,"
            + " \"b\": true, \"none\": null, \"list\": [1, \"x\"],"
            + " \"record\": {\"sizes\": [2, 3], \"objective\": \"ranking\"}}",
        Json.object(m));
  }

  @Test
  void aModelConfigBecomesAnObjectOfItsSettings() {
    String json = Json.object(Map.of("config", ModelConfig.tutorial(7)));
    for (String part :
        List.of(
            "\"batchSize\": 256",
            "\"windows\": [2, 3, 4, 5]",
            "\"seed\": 7",
            "\"learningRate\": 1.0E-4",
            "\"objective\": \"rating\"")) {
      assertTrue(json.contains(part), part + " in " + json);
    }
  }
}
