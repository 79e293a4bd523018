package movierec.jobs;

import java.time.LocalDate;

/** The command line of a job with no options of its own: the pipeline stages. */
final class StageCommand extends JobCommand {
  private final String name;

  StageCommand(String name) {
    this.name = name;
  }

  @Override
  public Job create(AppConfig config, LocalDate runDate) {
    return Stages.create(name, config, runDate);
  }
}
