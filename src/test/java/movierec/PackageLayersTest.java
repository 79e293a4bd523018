package movierec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of src/main form layers: no package reaches itself through the packages it names
 * (imports and qualified names alike), so each can be read and tested with only those below it.
 */
class PackageLayersTest {
  private static final Pattern REFERENCE = Pattern.compile("\\bmovierec\\.([a-z]+)\\.[A-Z]");

  /** Package -> the other packages its files name. */
  static Map<String, Set<String>> graph(Path root) throws IOException {
    Map<String, Set<String>> g = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path dir = root.relativize(f.getParent());
        String pkg = dir.toString().isEmpty() ? "(root)" : dir.toString().replace('/', '.');
        Set<String> out = g.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            out.add(m.group(1));
          }
        }
      }
    }
    return g;
  }

  /** Every edge a -> b such that b reaches a again. */
  static List<String> cycleEdges(Map<String, Set<String>> g) {
    List<String> out = new ArrayList<>();
    for (var e : g.entrySet()) {
      for (String b : e.getValue()) {
        if (reaches(g, b, e.getKey())) {
          out.add(e.getKey() + " -> " + b);
        }
      }
    }
    return out;
  }

  private static boolean reaches(Map<String, Set<String>> g, String from, String to) {
    Set<String> seen = new TreeSet<>();
    List<String> todo = new ArrayList<>(List.of(from));
    while (!todo.isEmpty()) {
      String p = todo.remove(todo.size() - 1);
      if (p.equals(to)) {
        return true;
      }
      if (seen.add(p)) {
        todo.addAll(g.getOrDefault(p, Set.of()));
      }
    }
    return false;
  }

  @Test
  void noPackageOfSrcMainReachesItself() throws IOException {
    Path root = SparkTestSupport.projectDir().resolve("src/main/java/movierec");
    assertEquals(List.of(), cycleEdges(graph(root)));
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> g =
        Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertEquals(3, cycleEdges(new TreeMap<>(g)).size());
  }
}
