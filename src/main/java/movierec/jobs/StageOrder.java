package movierec.jobs;

import java.util.Iterator;
import java.util.List;

/**
 * The stages' names in the order {@code pipeline} runs them: jobs/stages.conf, packaged in the jar,
 * the same file the Airflow DAG reads. A leaf: what the run manifests, the pipeline and
 * recommend-for read without knowing any job.
 */
public final class StageOrder {
  /** Where the stage list is on the classpath. */
  public static final String RESOURCE = "/movierec/stages.conf";

  public static final List<String> NAMES = load();

  private StageOrder() {}

  private static List<String> load() {
    com.typesafe.config.Config c =
        com.typesafe.config.ConfigFactory.parseResources(StageOrder.class, RESOURCE);
    if (!c.hasPath("stages")) {
      throw new IllegalStateException(RESOURCE + " is missing from the jar; rebuild it");
    }
    return List.copyOf(c.getStringList("stages"));
  }

  /** The stage names, for option help and completion. */
  public static final class StageNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }
}
