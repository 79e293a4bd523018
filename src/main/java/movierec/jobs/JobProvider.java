package movierec.jobs;

import java.util.List;

/**
 * More jobs, found on the classpath (java.util.ServiceLoader): how the benchmarks, which are not
 * part of the product jar, join the command line when their jar is present.
 */
public interface JobProvider {
  List<JobRegistry.Entry> jobs();
}
