package movierec.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.stream.Collectors;
import movierec.SparkTestSupport;
import movierec.jobs.WarehouseTables;
import org.junit.jupiter.api.Test;

class TablesTest {
  /** docs/tables.md's "Row order" names each sorted table with its declared columns. */
  @Test
  void theTablesPageStatesEveryDeclaredRowOrder() throws Exception {
    String page =
        Files.readString(SparkTestSupport.projectDir().resolve("docs/tables.md"))
            .replaceAll("\\s+", " ");
    for (Table t : WarehouseTables.ALL) {
      if (t.sortedBy().isEmpty()) {
        continue;
      }
      String stated =
          "`"
              + t.name()
              + "`: "
              + t.sortedBy().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
      assertTrue(
          page.contains(stated + ";") || page.contains(stated + "."),
          "docs/tables.md should say " + stated);
    }
  }
}
