package movierec.jobs;

import java.time.LocalDate;
import java.util.List;
import movierec.cli.UsageException;
import movierec.io.Preflight;
import movierec.io.Table;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * pipeline: every implemented stage ({@link JobRegistry#PIPELINE_STAGES}) in order, in one Spark
 * application, for one run date; {@code --until STAGE} stops after that stage. When {@code
 * input.path} is a missing local directory named after a known dataset and {@code input.auto-fetch}
 * is on, the dataset is downloaded first, so a newcomer's first command works on a machine that is
 * online.
 */
public final class PipelineJob implements Job {
  public static final String NAME = "pipeline";
  private static final Logger LOG = LoggerFactory.getLogger(PipelineJob.class);

  private final AppConfig config;
  private final LocalDate runDate;
  private final List<Job> stages;

  private final List<String> names;

  /** pipeline's options. */
  static final class Options extends JobCommand {
    @Option(
        names = "--until",
        paramLabel = "STAGE",
        completionCandidates = StageOrder.StageNames.class,
        description = "Stop after this stage: one of ${COMPLETION-CANDIDATES} (default: the last).")
    String until;

    @Override
    public Job create(AppConfig config, LocalDate runDate) {
      return new PipelineJob(config, runDate, until);
    }
  }

  /** Every stage up to {@code until} (null: every stage). */
  PipelineJob(AppConfig config, LocalDate runDate, String until) {
    this.config = config;
    this.runDate = runDate;
    List<String> all = StageOrder.NAMES;
    int last = until == null ? all.size() - 1 : all.indexOf(until);
    if (last < 0) {
      throw new UsageException("--until " + until + " is not a pipeline stage; stages: " + all);
    }
    this.names = all.subList(0, last + 1);
    this.stages = names.stream().map(s -> Stages.create(s, config, runDate)).toList();
  }

  @Override
  public void preflight(Configuration hadoopConf) {
    FetchDataJob.forMissingInput(config).ifPresent(FetchDataJob::fetch);
    Preflight.inputExists(config.input().path(), hadoopConf);
    for (Job stage : stages) {
      stage.preflight(hadoopConf);
    }
  }

  /** What its first stage reads from earlier runs' stages: the rest it writes itself. */
  @Override
  public List<Table> inputs() {
    return stages.stream()
        .flatMap(stage -> stage.inputs().stream())
        .filter(table -> !names.contains(table.writtenBy()))
        .distinct()
        .toList();
  }

  @Override
  public List<String> writes() {
    return names;
  }

  @Override
  public void run(SparkSession spark) {
    long start = System.nanoTime();
    for (int i = 0; i < stages.size(); i++) {
      String name = names.get(i);
      long t0 = System.nanoTime();
      LOG.info("Pipeline stage {}/{}: {} (run date {})", i + 1, stages.size(), name, runDate);
      stages.get(i).run(spark);
      LOG.info("Pipeline stage {} done in {} s", name, seconds(t0));
    }
    LOG.info("Pipeline done in {} s", seconds(start));
  }

  private static String seconds(long startNanos) {
    return String.format("%.1f", (System.nanoTime() - startNanos) / 1e9);
  }
}
