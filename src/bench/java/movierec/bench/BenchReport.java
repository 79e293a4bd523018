package movierec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark's figures, printed as they are measured and, when the run ends, written to {@code
 * benchmarks/<name>.md} under the working directory with the date, the commit, the machine and the
 * settings: the file a rerun replaces, so the repository holds the latest figures and git their
 * history.
 */
public final class BenchReport {
  private final String name;
  private final String command;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();
  private boolean fenced = true;

  /**
   * @param name the benchmark (its job name; the file's name)
   * @param command how it was run, for whoever reruns it
   */
  public BenchReport(String name, String command) {
    this.name = name;
    this.command = command;
  }

  /** The lines are markdown themselves (a table), not text to show as printed. */
  public BenchReport markdownLines() {
    fenced = false;
    return this;
  }

  public BenchReport setting(String key, Object value) {
    settings.put(key, String.valueOf(value));
    return this;
  }

  /** Prints one line of figures to stdout and keeps it for the file. */
  public void line(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    System.out.println(s);
    System.out.flush();
    lines.add(s);
  }

  /** The markdown text of the report as it stands. */
  public String markdown(String commit, String machine, Instant when) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(name).append("\n\n");
    b.append("Written by `").append(command).append("`; a rerun replaces this file.\n\n");
    b.append("- date: ").append(when.truncatedTo(ChronoUnit.SECONDS)).append('\n');
    b.append("- commit: ").append(commit).append('\n');
    b.append("- machine: ").append(machine).append('\n');
    settings.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
    b.append(fenced ? "\n```\n" : "\n");
    lines.forEach(l -> b.append(l).append('\n'));
    b.append(fenced ? "```\n" : "");
    return b.toString();
  }

  /** Writes {@code dir/<name>.md} whole (a temporary file moved over the old one). */
  public Path write(Path dir) {
    Path file = dir.resolve(name + ".md");
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + name, ".md.tmp");
      Files.writeString(tmp, markdown(commit(), machine(), Instant.now()), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark report " + file, e);
    }
    System.out.println("Figures written to " + file);
    return file;
  }

  /** The working directory's git commit, marked when files differ from it. */
  static String commit() {
    String head = git("rev-parse", "--short=12", "HEAD");
    if (head.isEmpty()) {
      return "unknown (not run from a git checkout)";
    }
    return git("status", "--porcelain", "--untracked-files=no").isEmpty()
        ? head
        : head + " with uncommitted changes";
  }

  static String machine() {
    Runtime rt = Runtime.getRuntime();
    String cpu = "";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip() + ", ")
              .findFirst()
              .orElse("");
    } catch (IOException | UncheckedIOException e) {
      // Not Linux: the core count and the JVM say enough.
    }
    return String.format(
        Locale.ROOT,
        "%s%d cores, JVM heap %d MB, %s %s, Java %s",
        cpu,
        rt.availableProcessors(),
        rt.maxMemory() >> 20,
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
  }

  private static String git(String... args) {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
