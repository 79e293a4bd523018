package movierec;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's shell scripts as a user does, capturing exit code and output. */
public final class Scripts {
  /** Exit code, stdout and stderr of one run. */
  public record Result(int code, String out, String err) {}

  private Scripts() {}

  /**
   * Runs {@code script} (relative to the project directory) in {@code cwd} with {@code env} added
   * to a copy of this environment without SPARK_HOME and MOVIEREC_ENV.
   */
  public static Result run(
      Path cwd,
      Path logs,
      Map<String, String> env,
      int timeoutMinutes,
      String script,
      String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(SparkTestSupport.projectDir().resolve(script).toString());
    cmd.addAll(List.of(args));
    Path out = logs.resolve("stdout-" + System.nanoTime());
    Path err = logs.resolve("stderr-" + System.nanoTime());
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("MOVIEREC_ENV");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(script + " " + List.of(args) + " did not finish");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
