package movierec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import movierec.cli.UsageException;
import movierec.config.AppConfig;
import movierec.jobs.Job;
import movierec.jobs.JobCommand;
import movierec.jobs.JobRegistry;
import movierec.tools.GenerateJob;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * bench-scale: generates MovieLens-shaped data at each size (kept under {@code --data} and reused
 * while its GENERATED.txt matches) and runs the pipeline's stages on it, each size in its own
 * warehouse ({@code <warehouse.path>/bench-scale/<size>}). Prints per stage: wall time, shuffle
 * bytes written, bytes spilled, the largest task's execution memory, the peak heap and the peak
 * heap live after a collection ({@link StageMeter}), and the ratio of the time to the first size's.
 */
public final class BenchScaleJob implements Job {
  public static final String NAME = "bench-scale";

  private final AppConfig config;
  private final LocalDate runDate;
  private final List<ScaleSize> sizes;
  private final List<String> stages;
  private final String data;

  /** bench-scale's options. */
  static final class Options extends JobCommand {
    @Option(
        names = "--sizes",
        split = ",",
        paramLabel = "SIZE",
        description =
            "Sizes to run, comma-separated: of ${COMPLETION-CANDIDATES} (default: 1M,5M).",
        completionCandidates = SizeLabels.class)
    List<String> sizes = List.of("1M", "5M");

    @Option(
        names = "--stages",
        split = ",",
        paramLabel = "STAGE",
        completionCandidates = JobRegistry.StageNames.class,
        description = "Stages to run, comma-separated (default: every stage).")
    List<String> stages = JobRegistry.PIPELINE_STAGES;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "Where the generated datasets are kept (default: ${DEFAULT-VALUE}).")
    String data = "bench-data";

    @Override
    public Job create(AppConfig config, LocalDate runDate) {
      return new BenchScaleJob(config, runDate, sizes, stages, data);
    }
  }

  /** The size labels, for help. */
  static final class SizeLabels implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ScaleSize.KNOWN.stream().map(ScaleSize::label).iterator();
    }
  }

  BenchScaleJob(
      AppConfig config, LocalDate runDate, List<String> sizes, List<String> stages, String data) {
    this.config = config;
    this.runDate = runDate;
    this.sizes =
        sizes.stream()
            .map(
                s ->
                    ScaleSize.find(s.strip())
                        .orElseThrow(
                            () -> new UsageException("unknown size " + s + "; known: " + known())))
            .toList();
    for (String s : stages) {
      if (!JobRegistry.PIPELINE_STAGES.contains(s)) {
        throw new UsageException(
            "unknown stage " + s + "; stages: " + String.join(",", JobRegistry.PIPELINE_STAGES));
      }
    }
    this.stages = List.copyOf(stages);
    this.data = data;
  }

  private static String known() {
    return String.join(", ", ScaleSize.KNOWN.stream().map(ScaleSize::label).toList());
  }

  @Override
  public void run(SparkSession spark) {
    Map<String, Map<String, StageMeter.Figures>> all = new LinkedHashMap<>();
    Map<String, String> stopped = new LinkedHashMap<>();
    try (StageMeter meter = new StageMeter(spark)) {
      for (ScaleSize size : sizes) {
        Map<String, StageMeter.Figures> bySize = new LinkedHashMap<>();
        all.put(size.label(), bySize);
        String dir = data + "/" + size.label();
        if (!generated(spark, dir, size)) {
          meter.start();
          new GenerateJob(size.spec(), new Path(dir)).run(spark);
          bySize.put(GenerateJob.NAME, meter.stop());
        }
        String warehouse = config.warehousePath() + "/" + NAME + "/" + size.label();
        AppConfig sized = config.withPaths(dir, warehouse);
        for (String stage : stages) {
          Job job = JobRegistry.stage(stage, sized, runDate);
          System.out.printf("bench-scale %s: %s ...%n", size.label(), stage);
          meter.start();
          try {
            job.run(spark);
          } catch (RuntimeException e) {
            // A stage that refuses a size (a budget check) is a figure too: the later stages of
            // this size need its output, so the size stops here and the next size runs.
            stopped.put(size.label(), stage + ": " + e.getMessage());
            System.out.printf("bench-scale %s: %s stopped: %s%n", size.label(), stage, e);
            break;
          }
          StageMeter.Figures f = meter.stop();
          bySize.put(stage, f);
          System.out.println(row(size.label(), stage, f, null));
        }
      }
    }
    BenchReport report =
        new BenchReport(NAME, "./submit.sh " + NAME + " --env bench --sizes ...")
            .markdownLines()
            .setting("master", spark.sparkContext().master())
            .setting("sizes", sizes.stream().map(ScaleSize::label).toList())
            .setting("stages", stages)
            .setting("data", data);
    print(report, all);
    stopped.forEach((size, why) -> report.line("- %s stopped at %s", size, why));
    report.write(java.nio.file.Path.of("benchmarks"));
  }

  /** Whether {@code dir} already holds this size's data (same settings in GENERATED.txt). */
  private static boolean generated(SparkSession spark, String dir, ScaleSize size) {
    Path marker = new Path(dir, GenerateJob.MARKER);
    try {
      FileSystem fs = marker.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(marker)) {
        return false;
      }
      try (var in = fs.open(marker)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .contains(size.spec().describe());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + marker + ": " + e.getMessage(), e);
    }
  }

  private void print(BenchReport report, Map<String, Map<String, StageMeter.Figures>> all) {
    Map<String, StageMeter.Figures> base = all.values().iterator().next();
    String baseLabel = all.keySet().iterator().next();
    System.out.println();
    report.line(
        "| size | stage | wall s | x "
            + baseLabel
            + " | shuffle written | spilled |"
            + " max task exec. memory | peak heap | peak live heap |");
    report.line("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    all.forEach(
        (label, stageFigures) -> {
          double total = 0;
          double baseTotal = 0;
          for (Map.Entry<String, StageMeter.Figures> e : stageFigures.entrySet()) {
            StageMeter.Figures b = base.get(e.getKey());
            report.line("%s", row(label, e.getKey(), e.getValue(), b));
            if (!e.getKey().equals(GenerateJob.NAME)) {
              total += e.getValue().seconds();
              baseTotal += b == null ? 0 : b.seconds();
            }
          }
          report.line(
              "| %s | **pipeline** | %.1f | %s | | | | | |",
              label, total, baseTotal > 0 ? String.format("%.1f", total / baseTotal) : "");
        });
  }

  private static String row(
      String label, String stage, StageMeter.Figures f, StageMeter.Figures base) {
    String ratio = base == null ? "" : String.format("%.1f", f.seconds() / base.seconds());
    return String.format(
        "| %s | %s | %.1f | %s | %s | %s | %s | %s | %s |",
        label,
        stage,
        f.seconds(),
        ratio,
        bytes(f.shuffleWriteBytes()),
        bytes(f.spillBytes()),
        bytes(f.maxTaskExecutionMemory()),
        bytes(f.peakHeapBytes()),
        bytes(f.peakLiveBytes()));
  }

  static String bytes(long b) {
    if (b < 1L << 20) {
      return String.format("%.0f KB", b / 1024.0);
    }
    if (b < 1L << 30) {
      return String.format("%.0f MB", b / (double) (1L << 20));
    }
    return String.format("%.2f GB", b / (double) (1L << 30));
  }
}
