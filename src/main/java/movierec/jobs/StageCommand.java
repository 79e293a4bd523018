package movierec.jobs;

import java.time.LocalDate;
import java.util.function.BiFunction;
import movierec.config.AppConfig;

/** The command line of a job with no options of its own: the pipeline stages. */
final class StageCommand extends JobCommand {
  private final String name;
  private final BiFunction<AppConfig, LocalDate, Job> factory;

  StageCommand(String name, BiFunction<AppConfig, LocalDate, Job> factory) {
    this.name = name;
    this.factory = factory;
  }

  @Override
  public Job create(AppConfig config, LocalDate runDate) {
    return new RecordedStage(name, factory.apply(config, runDate), config, runDate);
  }
}
