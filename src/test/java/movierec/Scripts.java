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

  /** The JIT of the short jobs the tests start: C1 only. */
  public static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

  private Scripts() {}

  /** A script started in the background: its process and where its output goes. */
  public record Running(Process process, Path out, Path err) {
    /** Waits for the end and returns the result; kills the process after the timeout. */
    public Result await(int timeoutMinutes, String what) throws IOException, InterruptedException {
      if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(what + " did not finish");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    }
  }

  /**
   * Runs {@code script} (relative to the project directory) in {@code cwd} with {@code env} added
   * to a copy of this environment without SPARK_HOME and MOVIEREC_ENV, with a C1-only JIT.
   */
  public static Result run(
      Path cwd,
      Path logs,
      Map<String, String> env,
      int timeoutMinutes,
      String script,
      String... args)
      throws IOException, InterruptedException {
    return start(cwd, logs, env, script, args).await(timeoutMinutes, script + " " + List.of(args));
  }

  /** Starts {@code script} like {@link #run} without waiting for it. */
  public static Running start(
      Path cwd, Path logs, Map<String, String> env, String script, String... args)
      throws IOException {
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
    // The jobs here each do seconds of work on small data: without the C2 compiler they spend a
    // third less CPU (measured on an ml-100k ingest), on 2 cores shared with the other JVMs. The
    // same for a cluster's submit client and its servers (scripts/local-cluster.sh reads these as
    // a Spark install does); executors take it from spark.executor.extraJavaOptions (C1_ONLY).
    pb.environment().put("MOVIEREC_JAVA_OPTS", C1_ONLY);
    pb.environment().put("SPARK_SUBMIT_OPTS", C1_ONLY);
    pb.environment().put("SPARK_DAEMON_JAVA_OPTS", C1_ONLY);
    pb.environment().putAll(env);
    return new Running(pb.start(), out, err);
  }
}
