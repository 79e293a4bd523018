package movierec.train;

import java.util.List;
import java.util.Set;
import movierec.config.Settings;

/** Baselines the train job fits on the same split: {@code train.baselines.*}. */
public record BaselineConfig(
    double biasRegularization,
    int biasIterations,
    boolean als,
    List<Integer> alsRanks,
    List<Double> alsRegParams,
    int alsIterations,
    int alsCheckpointInterval,
    String alsGrid) {
  public BaselineConfig {
    alsRanks = List.copyOf(alsRanks);
    alsRegParams = List.copyOf(alsRegParams);
  }

  /** Reads and checks the {@code train.baselines} subtree. */
  static BaselineConfig from(Settings s) {
    List<Integer> ranks = s.positiveInts("als-ranks");
    List<Double> regs = s.numbers("als-reg-params");
    if (regs.isEmpty() || regs.stream().anyMatch(r -> !(r >= 0))) {
      throw s.bad("als-reg-params", "must be a non-empty list, each >= 0");
    }
    double biasReg = s.number("bias-regularization");
    if (!(biasReg >= 0)) {
      throw s.bad("bias-regularization", "must be 0 or more");
    }
    return new BaselineConfig(
        biasReg,
        s.positive("bias-iterations"),
        s.bool("als"),
        ranks,
        regs,
        s.positive("als-iterations"),
        s.positive("als-checkpoint-interval"),
        s.oneOf("als-grid", Set.of(AlsGrid.AUTO, AlsGrid.CROSS, AlsGrid.PRODUCT, AlsGrid.POINT)));
  }
}
