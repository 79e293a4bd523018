package movierec.bench;

import java.util.List;
import java.util.Optional;
import movierec.generate.GenerateSpec;

/**
 * The sizes bench-scale runs, shaped like MovieLens releases: 1M is ML-1M's shape, 10M ML-10M's
 * (69,878 users, 10,677 movies), 25M ML-25M's (162,000 users, 62,000 movies, as the issue has it),
 * 32M ML-32M's (200,948 users, 87,585 movies, 32,000,204 ratings), and 5M sits between 1M and 10M
 * on a log scale.
 */
public record ScaleSize(String label, GenerateSpec spec) {
  public static final long SEED = 42;

  public static final List<ScaleSize> KNOWN =
      List.of(
          new ScaleSize("1M", new GenerateSpec(6_040, 3_706, 1_000_209, SEED)),
          new ScaleSize("5M", new GenerateSpec(20_000, 6_300, 5_000_000, SEED)),
          new ScaleSize("10M", new GenerateSpec(69_878, 10_677, 10_000_054, SEED)),
          new ScaleSize("25M", new GenerateSpec(162_000, 62_000, 25_000_000, SEED)),
          new ScaleSize("32M", new GenerateSpec(200_948, 87_585, 32_000_204, SEED)));

  public static Optional<ScaleSize> find(String label) {
    return KNOWN.stream().filter(s -> s.label().equalsIgnoreCase(label)).findFirst();
  }

  /**
   * The sizes of {@code labels} (case and spaces ignored), or a usage error naming the known ones.
   */
  public static List<ScaleSize> parse(List<String> labels) {
    return labels.stream()
        .map(
            s ->
                find(s.strip())
                    .orElseThrow(
                        () ->
                            new movierec.cli.UsageException(
                                "unknown size "
                                    + s
                                    + "; known: "
                                    + String.join(
                                        ", ", KNOWN.stream().map(ScaleSize::label).toList()))))
        .toList();
  }
}
