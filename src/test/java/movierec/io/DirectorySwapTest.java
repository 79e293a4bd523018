package movierec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySwapTest {
  @TempDir Path tmp;

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    // Not p.toUri(): that of an existing directory ends in '/', and such a Path has no name.
    return new org.apache.hadoop.fs.Path(p.toAbsolutePath().toString());
  }

  private static FileSystem local() throws IOException {
    return FileSystem.getLocal(new Configuration());
  }

  private static Path dirWith(Path dir, String content) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("data"), content);
    return dir;
  }

  private static String content(Path dir) throws IOException {
    return Files.readString(dir.resolve("data"), StandardCharsets.UTF_8);
  }

  private long siblings() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.count();
    }
  }

  @Test
  void aStagedDirectoryReplacesTheTargetOrTakesItsPlace() throws IOException {
    Path target = tmp.resolve("out");
    for (String v : new String[] {"first", "second"}) {
      Path staging = Path.of(DirectorySwap.staging(hadoop(target), v).toUri().getPath());
      dirWith(staging, v);
      DirectorySwap.swap(local(), hadoop(staging), hadoop(target), v);
      assertEquals(v, content(target));
      assertEquals(1, siblings(), "nothing staged or set aside is left");
    }
  }

  @Test
  void aSwapKilledBetweenItsRenamesIsUndoneByTheNextWriter() throws IOException {
    Path target = tmp.resolve("out");
    // What a writer killed after its first rename leaves: the target aside, its staging whole.
    dirWith(tmp.resolve(".replaced_out_run1"), "good");
    dirWith(tmp.resolve(".staging_out_run1"), "half");
    DirectorySwap.recover(local(), hadoop(target));
    assertEquals("good", content(target));
    assertEquals(1, siblings(), "the killed writer's staging is deleted");
  }

  @Test
  void aFailedSecondRenamePutsTheOldTargetBack() throws IOException {
    Path target = dirWith(tmp.resolve("out"), "good");
    Path missing = tmp.resolve(".staging_out_gone");
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> DirectorySwap.swap(local(), hadoop(missing), hadoop(target), "gone"));
    assertTrue(e.getMessage().contains("could not replace"), e.getMessage());
    assertEquals("good", content(target));
    assertFalse(Files.exists(tmp.resolve(".replaced_out_gone")));
  }
}
