package movierec.bench;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --sizes} option of the benchmarks that time a shape, not a pipeline run
 * (bench-recommend, bench-train-shape): ML-1M's and ML-25M's by default.
 */
final class ShapeSizes {
  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "SIZE",
      description =
          "Shapes to run, comma-separated: of ${COMPLETION-CANDIDATES} (default: 1M,25M).",
      completionCandidates = BenchScaleJob.SizeLabels.class)
  List<String> labels = List.of("1M", "25M");

  List<ScaleSize> sizes() {
    return ScaleSize.parse(labels);
  }
}
