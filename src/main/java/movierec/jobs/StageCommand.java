package movierec.jobs;

import java.time.LocalDate;
import java.util.function.BiFunction;
import movierec.config.AppConfig;

/** The command line of a job with no options of its own: the pipeline stages. */
final class StageCommand extends JobCommand {
  private final BiFunction<AppConfig, LocalDate, Job> factory;

  StageCommand(BiFunction<AppConfig, LocalDate, Job> factory) {
    this.factory = factory;
  }

  @Override
  public Job create(AppConfig config, LocalDate runDate) {
    return factory.apply(config, runDate);
  }
}
