package movierec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import movierec.cli.UsageException;
import movierec.generate.Layout;
import movierec.jobs.AppConfig;
import movierec.jobs.GenerateJob;
import movierec.jobs.Job;
import movierec.jobs.JobCommand;
import movierec.jobs.StageOrder;
import movierec.jobs.Stages;
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
  private final Layout layout;

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
        completionCandidates = StageOrder.StageNames.class,
        description = "Stages to run, comma-separated (default: every stage).")
    List<String> stages = StageOrder.NAMES;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "Where the generated datasets are kept (default: ${DEFAULT-VALUE}).")
    String data = "bench-data";

    @Option(
        names = "--layout",
        paramLabel = "ml-1m|csv",
        description =
            "The generated files' layout: ml-1m (.dat with demographics) or csv (ML-20M/25M/32M's"
                + " .csv, no users file) (default: ${DEFAULT-VALUE}).")
    String layout = "ml-1m";

    @Override
    public Job create(AppConfig config, LocalDate runDate) {
      return new BenchScaleJob(config, runDate, sizes, stages, data, Layout.of(layout));
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
      AppConfig config,
      LocalDate runDate,
      List<String> sizes,
      List<String> stages,
      String data,
      Layout layout) {
    this.config = config;
    this.runDate = runDate;
    this.sizes = ScaleSize.parse(sizes);
    for (String s : stages) {
      if (!StageOrder.NAMES.contains(s)) {
        throw new UsageException(
            "unknown stage " + s + "; stages: " + String.join(",", StageOrder.NAMES));
      }
    }
    this.stages = List.copyOf(stages);
    this.data = data;
    this.layout = layout;
  }

  @Override
  public void run(SparkSession spark) {
    String date = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    String commit = BenchReport.commit();
    List<ScaleTable.Row> fresh = new ArrayList<>();
    Map<String, String> stopped = new LinkedHashMap<>();
    try (StageMeter meter = new StageMeter(spark)) {
      for (ScaleSize size : sizes) {
        String dir = data + "/" + size.label();
        if (!generated(spark, dir, size)) {
          meter.start();
          new GenerateJob(size.spec(), new Path(dir), layout).run(spark);
          fresh.add(row(size.label(), ScaleTable.GENERATE, meter.stop(), date, commit));
        }
        String warehouse = config.warehousePath() + "/" + NAME + "/" + size.label();
        AppConfig sized = config.withPaths(dir, warehouse);
        double total = 0;
        for (String stage : stages) {
          Job job = Stages.create(stage, sized, runDate);
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
          total += f.seconds();
          fresh.add(row(size.label(), stage, f, date, commit));
          System.out.printf(
              Locale.ROOT, "bench-scale: %s %s %.1f s%n", size.label(), stage, f.seconds());
        }
        if (!stopped.containsKey(size.label())) {
          System.out.printf(
              Locale.ROOT, "bench-scale: %s %s %.1f s%n", size.label(), ScaleTable.PIPELINE, total);
        }
      }
    }
    java.nio.file.Path dir = java.nio.file.Path.of("benchmarks");
    List<ScaleTable.Row> rows = ScaleTable.merge(previous(dir), fresh);
    BenchReport report =
        new BenchReport(NAME, "./submit.sh " + NAME + " --env bench --sizes ...")
            .markdownLines()
            .setting("master", spark.sparkContext().master())
            .setting("sizes of the latest run", sizes.stream().map(ScaleSize::label).toList())
            .setting("stages", stages)
            .setting("layout", layout.code())
            .setting("data", data);
    report.line(
        "A run replaces the rows of the sizes it ran and keeps the others (each row has its own"
            + " date and commit). \"x 1M\" is the wall time over 1M's same stage; divided by the"
            + " ratings' ratio it is 1.0 for linear growth.");
    report.line("");
    ScaleTable.render(rows).forEach(l -> report.line("%s", l));
    stopped.forEach((size, why) -> report.line("- %s stopped at %s", size, why));
    report.write(dir);
  }

  /** The rows of the bench-scale.md already in {@code dir}; none when there is none. */
  private static List<ScaleTable.Row> previous(java.nio.file.Path dir) {
    java.nio.file.Path file = dir.resolve(NAME + ".md");
    try {
      return java.nio.file.Files.exists(file)
          ? ScaleTable.parse(java.nio.file.Files.readString(file))
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static ScaleTable.Row row(
      String size, String stage, StageMeter.Figures f, String date, String commit) {
    return new ScaleTable.Row(
        size,
        stage,
        f.seconds(),
        date,
        commit,
        bytes(f.shuffleWriteBytes()),
        bytes(f.spillBytes()),
        bytes(f.maxTaskExecutionMemory()),
        bytes(f.peakHeapBytes()),
        bytes(f.peakLiveBytes()));
  }

  /** Whether {@code dir} already holds this size's data (same settings in GENERATED.txt). */
  private boolean generated(SparkSession spark, String dir, ScaleSize size) {
    Path marker = new Path(dir, GenerateJob.MARKER);
    try {
      FileSystem fs = marker.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(marker)) {
        return false;
      }
      try (var in = fs.open(marker)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return text.contains(size.spec().describe())
            && text.contains("layout " + layout.code() + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + marker + ": " + e.getMessage(), e);
    }
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
