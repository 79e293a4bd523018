package movierec.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import movierec.cli.CommonOptions;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/** Job names and what builds each: the single list Main dispatches on and usage prints. */
public final class JobRegistry {
  /** A job name, a one-line description, and a maker of its command line. */
  public record Entry(String name, String description, Supplier<JobCommand> command) {}

  private static final List<Entry> JOBS =
      withProvided(
          List.of(
              stage(IngestJob.NAME, "MovieLens files -> users, movies, ratings, rejects"),
              stage(
                  FeaturesJob.NAME,
                  "users, movies -> user_features, movie_features, feature_vocabulary"),
              stage(
                  SimilarityJob.NAME,
                  "ratings, features -> movie_neighbors, user_neighbors (blocked pairwise)"),
              stage(
                  TrainJob.NAME,
                  "ratings, users, movies -> ratings_split, model_metrics, training_history,"
                      + " user_vectors, movie_vectors, models (regressor, ranker, baselines)"),
              stage(
                  RecommendJob.NAME,
                  "models, vectors, neighbours -> model_selection, user_top_movies, similar_movies,"
                      + " also_liked, segment_top_movies"),
              stage(
                  EvaluateJob.NAME,
                  "ratings_split, models -> metrics (RMSE, MAE, top-K ranking),"
                      + " reports/<date>/index.html"),
              new Entry(
                  PipelineJob.NAME,
                  "every stage in order in one Spark application: "
                      + String.join(", ", StageOrder.NAMES),
                  PipelineJob.Options::new),
              new Entry(
                  RecommendForJob.NAME,
                  "print recommendations at a terminal from the latest run's tables",
                  RecommendForOptions::new),
              new Entry(
                  SqlJob.NAME,
                  "run a SQL statement on the tables by name (the catalog) and print the rows",
                  SqlJob.Options::new),
              new Entry(
                  FetchDataJob.NAME, "download a MovieLens dataset", FetchDataJob.Options::new),
              new Entry(
                  GenerateJob.NAME,
                  "write a synthetic MovieLens in the ML-1M layout",
                  GenerateJob.Options::new)));

  private JobRegistry() {}

  /** The product's jobs, then those of any {@link JobProvider} on the classpath. */
  private static List<Entry> withProvided(List<Entry> own) {
    List<Entry> all = new ArrayList<>(own);
    ServiceLoader.load(JobProvider.class, JobRegistry.class.getClassLoader())
        .forEach(p -> all.addAll(p.jobs()));
    return List.copyOf(all);
  }

  public static List<Entry> all() {
    return JOBS;
  }

  public static Optional<Entry> find(String name) {
    return JOBS.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The command line of every job: {@code movierec <job> [options]}, each job with its own options,
   * the common ones and {@code --help}. A repeated option keeps its last value.
   */
  public static CommandLine commandLine() {
    CommandSpec root = CommandSpec.create().name("movierec");
    root.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Print this help and exit.")
            .build());
    root.usageMessage()
        .description("MovieLens ratings in, recommendation tables out: one Spark job per name.")
        .customSynopsis("movierec <job> [options]   (movierec help <job>: a job's options)%n")
        .commandListHeading("%nJobs:%n")
        .footerHeading("%n")
        .footer(
            "'<job> --help' lists a job's options. Exit codes: 0 done, 1 job failed, 2 bad usage"
                + " or config.");
    CommandLine cl = new CommandLine(root);
    for (Entry e : JOBS) {
      CommandLine job = new CommandLine(e.command().get());
      UsageMessageSpec usage = job.getCommandSpec().usageMessage();
      usage.description(e.description()).abbreviateSynopsis(true).optionListHeading("%nOptions:%n");
      usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, h -> optionList(h, false));
      usage.sectionMap().put(COMMON_HEADING, h -> String.format("%nCommon options:%n"));
      usage.sectionMap().put(COMMON_LIST, h -> optionList(h, true));
      List<String> keys = new ArrayList<>(usage.sectionKeys());
      keys.addAll(
          keys.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1,
          List.of(COMMON_HEADING, COMMON_LIST));
      usage.sectionKeys(keys);
      cl.addSubcommand(e.name(), job);
    }
    cl.setOverwrittenOptionsAllowed(true);
    cl.setUsageHelpWidth(100);
    return cl;
  }

  private static final String COMMON_HEADING = "commonOptionListHeading";
  private static final String COMMON_LIST = "commonOptionList";
  private static final Set<String> COMMON_OPTIONS =
      CommandSpec.forAnnotatedObject(new CommonOptions()).options().stream()
          .map(OptionSpec::longestName)
          .collect(Collectors.toUnmodifiableSet());

  /** A job's own options ({@code common} false) or the common ones, in declaration order. */
  private static String optionList(Help help, boolean common) {
    Help.Layout layout = help.createDefaultLayout();
    List<OptionSpec> options = new ArrayList<>(help.commandSpec().options());
    // Declaration order (unordered options first), --help after the job's own options.
    options.sort(Comparator.comparingInt(OptionSpec::order));
    for (OptionSpec o : options) {
      if (!o.hidden() && COMMON_OPTIONS.contains(o.longestName()) == common) {
        layout.addOption(o, help.createDefaultParamLabelRenderer());
      }
    }
    return layout.toString();
  }

  private static Entry stage(String name, String description) {
    return new Entry(name, description, () -> Stages.command(name));
  }
}
