package movierec.evaluate;

import com.typesafe.config.Config;
import java.util.List;
import java.util.stream.Stream;
import movierec.config.Settings;
import movierec.ranking.Bootstrap;

/** Settings of the evaluate job, read from {@code evaluate.*}; see reference.conf for each. */
public record EvaluateConfig(
    List<Integer> ks,
    List<Integer> curveKs,
    double relevantThreshold,
    int bootstrapSamples,
    long bootstrapSeed) {
  public EvaluateConfig {
    ks = List.copyOf(ks);
    curveKs = List.copyOf(curveKs);
  }

  /** The largest cut-off any metric or curve needs. */
  public int maxK() {
    return Stream.concat(ks.stream(), curveKs.stream())
        .mapToInt(Integer::intValue)
        .max()
        .orElseThrow();
  }

  /** The intervals' resampler. */
  public Bootstrap bootstrap() {
    return new Bootstrap(bootstrapSamples, bootstrapSeed);
  }

  /** Reads and checks {@code evaluate.*} of the resolved config. */
  public static EvaluateConfig from(Config root) {
    Settings s = Settings.at(root, "evaluate");
    return new EvaluateConfig(
        s.cutOffs("ks"),
        s.cutOffs("curve-ks"),
        s.rating("relevant-threshold"),
        s.positive("bootstrap-samples"),
        root.getLong("evaluate.bootstrap-seed"));
  }
}
