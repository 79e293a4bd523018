package movierec.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void distanceCountsSingleCharacterEdits() {
    assertEquals(0, Suggestions.distance("path", "path"));
    assertEquals(1, Suggestions.distance("pth", "path"));
    assertEquals(2, Suggestions.distance("memroy", "memory"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
    assertEquals(4, Suggestions.distance("", "abcd"));
  }

  @Test
  void theClosestNameIsSuggestedOnlyWhenItIsATypo() {
    List<String> known = List.of("input.path", "input.format", "warehouse.path");
    assertEquals(Optional.of("input.path"), Suggestions.closest("input.pth", known));
    assertEquals(Optional.of("input.format"), Suggestions.closest("input.fromat", known));
    assertEquals(Optional.empty(), Suggestions.closest("input.colour", known));
  }
}
