package movierec.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TitleTokensTest {
  @Test
  void trailingArticlesMoveToTheFront() {
    assertEquals("The Matrix", TitleTokens.natural("Matrix, The"));
    assertEquals("Les Misérables", TitleTokens.natural("Misérables, Les"));
    assertEquals("L'Homme", TitleTokens.natural("Homme, L'"));
    assertEquals(
        "The City of Lost Children (La Cité des enfants perdus)",
        TitleTokens.natural("City of Lost Children, The (Cité des enfants perdus, La)"));
    assertEquals(
        "Crouching Tiger, Hidden Dragon", TitleTokens.natural("Crouching Tiger, Hidden Dragon"));
  }

  @Test
  void tokensAreLowerCaseWordsWithoutRepeats() {
    assertEquals(List.of("the", "matrix"), TitleTokens.tokens("Matrix, The"));
    assertEquals(List.of("les", "misérables"), TitleTokens.tokens("Misérables, Les"));
    assertEquals(
        List.of("the", "good", "bad", "and", "ugly"),
        TitleTokens.tokens("Good, The Bad and The Ugly, The"));
    assertEquals(List.of("se7en"), TitleTokens.tokens("Se7en"));
  }
}
