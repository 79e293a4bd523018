package movierec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of every layer's backward pass and of the whole model, in double
 * precision: analytic and central-difference gradients must agree to a relative error below 1e-6.
 */
class GradientCheckTest {
  /**
   * Step of the five-point stencil: its truncation error is O(h^4), so a step this large keeps
   * rounding noise (about 1e-16 |L| / h) far below the smallest gradients checked.
   */
  private static final double H = 1e-4;

  private static final double TOLERANCE = 1e-6;

  /**
   * Gradients whose magnitudes add up to less than this are compared on absolute error (1e-11): the
   * stencil's rounding noise, about 1e-16 |L| / h, is of that order.
   */
  private static final double FLOOR = 1e-5;

  /** Relative error with a floor, so that two near-zero gradients count as equal. */
  static void assertClose(double analytic, double numeric, String what) {
    assertClose(analytic, numeric, what, TOLERANCE);
  }

  /**
   * A sparse parameter's gradient is summed in float: where a sum cancels (a movie bias's logits
   * over a batch), its relative error reaches 1e-5, still far below what a wrong derivative gives.
   */
  static final double FLOAT_TOLERANCE = 1e-4;

  static void assertClose(Param p, int i, double analytic, double numeric, String what) {
    assertClose(analytic, numeric, what, p.sparse ? FLOAT_TOLERANCE : TOLERANCE);
  }

  static void assertClose(double analytic, double numeric, String what, double tolerance) {
    double err =
        Math.abs(analytic - numeric) / Math.max(FLOOR, Math.abs(analytic) + Math.abs(numeric));
    assertTrue(
        err < tolerance,
        what
            + ": analytic "
            + analytic
            + " vs numeric "
            + numeric
            + " (relative error "
            + err
            + ")");
  }

  static double numeric(double[] a, int i, DoubleSupplier loss) {
    double saved = a[i];
    a[i] = saved + 2 * H;
    double plus2 = loss.getAsDouble();
    a[i] = saved + H;
    double plus = loss.getAsDouble();
    a[i] = saved - H;
    double minus = loss.getAsDouble();
    a[i] = saved - 2 * H;
    double minus2 = loss.getAsDouble();
    a[i] = saved;
    return (-plus2 + 8 * plus - 8 * minus + minus2) / (12 * H);
  }

  /**
   * dL/dw of a parameter's entry. A dense one's is {@link #numeric(double[], int,
   * DoubleSupplier)}'s stencil. A sparse one is stored in float, where {@code w + kH} rounds: the
   * loss is taken at the four float neighbours it rounds to, and differentiated at {@code w} by the
   * polynomial through them (for exact, even steps these are the stencil's coefficients).
   */
  static double numeric(Param p, int i, DoubleSupplier loss) {
    if (!p.sparse) {
      return numeric(p.w, i, loss);
    }
    double saved = p.weight(i);
    // Differences from the loss at w, so that a loss that does not move gives exactly 0.
    double base = loss.getAsDouble();
    double[] at = new double[4];
    double[] f = new double[4];
    int[] steps = {2, 1, -1, -2};
    double h = Math.max(H, Math.abs(saved) * 1e-3);
    for (int k = 0; k < 4; k++) {
      p.setWeight(i, saved + steps[k] * h);
      at[k] = p.weight(i) - saved;
      f[k] = loss.getAsDouble() - base;
    }
    p.setWeight(i, saved);
    // The derivative at 0 of the Lagrange polynomial through (at[k], f[k]).
    double d = 0;
    for (int k = 0; k < 4; k++) {
      double slope = 0;
      for (int m = 0; m < 4; m++) {
        if (m == k) {
          continue;
        }
        double term = 1 / (at[k] - at[m]);
        for (int j = 0; j < 4; j++) {
          if (j != k && j != m) {
            term *= -at[j] / (at[k] - at[j]);
          }
        }
        slope += term;
      }
      d += f[k] * slope;
    }
    return d;
  }

  static double[] random(SplittableRandom rnd, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextDouble() * 2 - 1;
    }
    return a;
  }

  static double dot(double[] a, double[] b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void denseLayersForEveryActivation() {
    for (Activation act : Activation.values()) {
      SplittableRandom rnd = new SplittableRandom(act.ordinal() + 1);
      int n = 3;
      Dense dense = new Dense("d", 5, 4, act);
      dense.init(rnd);
      double[] bias = random(rnd, 4);
      System.arraycopy(bias, 0, dense.bias.w, 0, 4);
      double[] x = random(rnd, n * 5);
      double[] r = random(rnd, n * 4);
      DoubleSupplier loss = () -> dot(dense.forward(x, n), r, n * 4);
      loss.getAsDouble();
      double[] dx = dense.backward(r.clone(), n, true).clone();
      for (Param p : List.of(dense.weight, dense.bias)) {
        for (int i = 0; i < p.w.length; i++) {
          assertClose(p.g[i], numeric(p.w, i, loss), act + " " + p.name + "[" + i + "]");
        }
      }
      for (int i = 0; i < x.length; i++) {
        assertClose(dx[i], numeric(x, i, loss), act + " dx[" + i + "]");
      }
    }
  }

  @Test
  void embeddingSequenceAndBagWithPadding() {
    for (boolean sum : new boolean[] {false, true}) {
      SplittableRandom rnd = new SplittableRandom(sum ? 3 : 4);
      Embedding e = new Embedding("e", 6, 3, 0);
      e.init(rnd, 1.0);
      int[] ids = {1, 4, 0, 5, 5, 0};
      int n = 2;
      int width = 3;
      int outLen = sum ? n * 3 : n * width * 3;
      double[] r = random(rnd, outLen);
      DoubleSupplier loss = () -> dot(e.forward(ids, n, width, sum), r, outLen);
      loss.getAsDouble();
      e.backward(r, n, sum);
      for (int i = 0; i < e.table.size(); i++) {
        assertClose(
            e.table,
            i,
            e.table.grad(i),
            numeric(e.table, i, loss),
            "sum=" + sum + " table[" + i + "]");
      }
      for (int d = 0; d < 3; d++) {
        assertEquals(0.0, e.table.weight(d), "the padding row stays zero");
        assertEquals(0.0, e.table.grad(d), "the padding row gets no gradient");
      }
    }
  }

  @Test
  void textCnnWithPaddedTitles() {
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 3;
    int length = 6;
    int dim = 3;
    TextCnn cnn = new TextCnn("c", length, dim, 2, new int[] {2, 3}, 0);
    cnn.init(rnd);
    for (Param b : cnn.biases) {
      System.arraycopy(random(rnd, b.w.length), 0, b.w, 0, b.w.length);
    }
    int[] ids = {3, 1, 2, 0, 0, 0, 4, 4, 4, 4, 4, 4, 2, 0, 0, 0, 0, 0};
    double[] x = random(rnd, n * length * dim);
    for (int p = 0; p < ids.length; p++) {
      if (ids[p] == 0) {
        java.util.Arrays.fill(x, p * dim, (p + 1) * dim, 0.0);
      }
    }
    double[] r = random(rnd, n * cnn.outputs());
    DoubleSupplier loss = () -> dot(cnn.forward(x, ids, n), r, n * cnn.outputs());
    loss.getAsDouble();
    double[] dx = cnn.backward(r, n).clone();
    for (int k = 0; k < cnn.kernels.length; k++) {
      for (Param p : List.of(cnn.kernels[k], cnn.biases[k])) {
        for (int i = 0; i < p.w.length; i++) {
          assertClose(p.g[i], numeric(p.w, i, loss), p.name + "[" + i + "]");
        }
      }
    }
    for (int i = 0; i < x.length; i++) {
      if (ids[i / dim] != 0) {
        assertClose(dx[i], numeric(x, i, loss), "dx[" + i + "]");
      }
    }
  }

  @Test
  void dropoutScalesKeptUnitsAndBlocksDropped() {
    Dropout d = new Dropout(0.5);
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    d.forward(x, 8, new SplittableRandom(9));
    double[] g = {1, 1, 1, 1, 1, 1, 1, 1};
    d.backward(g, 8);
    for (int i = 0; i < 8; i++) {
      assertTrue(x[i] == 0.0 || x[i] == 2.0 * (i + 1), "kept units are doubled: " + x[i]);
      assertEquals(x[i] == 0.0 ? 0.0 : 2.0, g[i]);
    }
  }

  @Test
  void wholeModelWithBiasesAndDropout() {
    checkModel(true, 0.3);
  }

  @Test
  void wholeModelTutorialShape() {
    checkModel(false, 0.0);
  }

  @Test
  void wholeModelWithRatingsInputs() {
    checkModel(true, 0.3, 3);
  }

  @Test
  void rankingObjectiveWithHistoryAndDuplicateMovies() {
    checkRanking(false);
  }

  @Test
  void rankingObjectiveWithMovieBiases() {
    checkRanking(true);
  }

  private static void checkRanking(boolean biases) {
    ModelConfig c = config(biases, 0.3, ModelConfig.Objective.RANKING, 2, 0.7);
    InputSpace space = TinyData.space();
    TwoTowerModel model = new TwoTowerModel(c, space, 3.5);
    // A seed whose random layer biases keep every ReLU and max-pool choice of this batch clear
    // of the finite-difference step (seeds 3 and 5 put one within 2e-4 of a kink).
    offTheKinks(model, 4);
    Batch b = TinyData.batch(space, c.titleLength());
    // Histories of 2, 0, 3 and 1 id rows; examples 1 and 3 share a movie (not each other's
    // negative).
    b.setHistory(0, new int[] {1, 2}, 2);
    b.setHistory(1, new int[0], 0);
    b.setHistory(2, new int[] {0, 3, 4}, 3);
    b.setHistory(3, new int[] {2}, 1);
    int[] items = {0, 1, 2, 1};
    System.arraycopy(items, 0, b.item, 0, 4);
    double[] logQ = {-1.2, -0.4, -2.0};
    DoubleSupplier loss = () -> model.rankingStep(b, new SplittableRandom(21), logQ) / b.size();
    model.zeroGrad();
    loss.getAsDouble();
    assertTrue(Double.isFinite(loss.getAsDouble()));
    model.zeroGrad();
    loss.getAsDouble();
    checkAll(model, loss, 400);
  }

  private static void checkModel(boolean biases, double dropout) {
    checkModel(biases, dropout, 0);
  }

  private static void checkModel(boolean biases, double dropout, int ratingsDim) {
    ModelConfig c = config(biases, dropout, ModelConfig.Objective.RATING, 0, 1.0, ratingsDim);
    InputSpace space = TinyData.space();
    TwoTowerModel model = new TwoTowerModel(c, space, 3.5);
    // The ratings inputs' parameters shift the random layer biases; this seed keeps every
    // max-pool choice clear of the finite-difference step with them.
    offTheKinks(model, ratingsDim > 0 ? KINKS_WITH_RATINGS : 3);
    Batch b = TinyData.batch(space, c.titleLength());
    if (ratingsDim > 0) {
      // Bags of 2, 0, 3 and 1 id rows with centred ratings; example 3's row repeats one of
      // example 0's, so one row gathers gradient from two bags.
      b.setMovieRatings(0, new int[] {1, 2}, new double[] {0.5, -1.5}, 2);
      b.setMovieRatings(1, new int[0], new double[0], 0);
      b.setMovieRatings(2, new int[] {0, 1, 2}, new double[] {1.5, -0.5, 0.5}, 3);
      b.setMovieRatings(3, new int[] {2}, new double[] {-2.5}, 1);
      b.setUserRatings(0, new int[] {3}, new double[] {1.0}, 1);
      b.setUserRatings(1, new int[] {1, 2}, new double[] {-0.5, 2.0}, 2);
      b.setUserRatings(2, new int[0], new double[0], 0);
      b.setUserRatings(3, new int[] {1, 3, 4}, new double[] {0.5, 0.5, -1.0}, 3);
    }
    double[] ratings = {4, 2, 5, 3};
    DoubleSupplier loss =
        () -> {
          double[] pred = model.forward(b, new SplittableRandom(21));
          double s = 0;
          for (int i = 0; i < b.size(); i++) {
            s += (pred[i] - ratings[i]) * (pred[i] - ratings[i]);
          }
          return s / b.size();
        };
    loss.getAsDouble();
    double[] pred = model.forward(b, new SplittableRandom(21)).clone();
    double[] grad = new double[b.size()];
    for (int i = 0; i < b.size(); i++) {
      grad[i] = 2 * (pred[i] - ratings[i]) / b.size();
    }
    model.backward(grad);
    checkAll(model, loss, 500);
  }

  /**
   * Every parameter's accumulated gradient against finite differences of {@code loss}; the
   * gradients are read before any numeric evaluation (which may accumulate more).
   */
  private static void checkAll(TwoTowerModel model, DoubleSupplier loss, int atLeast) {
    java.util.List<double[]> grads = new java.util.ArrayList<>();
    for (Param p : model.params()) {
      double[] g = new double[p.size()];
      for (int i = 0; i < g.length; i++) {
        g[i] = p.grad(i);
      }
      grads.add(g);
    }
    int checked = 0;
    for (int q = 0; q < model.params().size(); q++) {
      Param p = model.params().get(q);
      for (int i = 0; i < p.size(); i++) {
        double num = numeric(p, i, loss);
        assertClose(p, i, grads.get(q)[i], num, p.name + "[" + i + "]");
        checked++;
      }
    }
    assertTrue(checked > atLeast, "checked " + checked + " parameters");
  }

  /**
   * Layer biases start at zero, which puts a ReLU fed by an all-padding input exactly on its kink,
   * where the derivative is undefined; move them off it.
   */
  private static void offTheKinks(TwoTowerModel model, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (Param p : model.params()) {
      if (!p.decay) {
        for (int i = 0; i < p.size(); i++) {
          p.setWeight(i, 0.2 * rnd.nextDouble() - 0.1);
        }
      }
    }
  }

  static ModelConfig config(
      boolean biases,
      double dropout,
      ModelConfig.Objective objective,
      int historyDim,
      double temperature) {
    return config(biases, dropout, objective, historyDim, temperature, 0);
  }

  static ModelConfig config(
      boolean biases,
      double dropout,
      ModelConfig.Objective objective,
      int historyDim,
      double temperature,
      int ratingsDim) {
    return new ModelConfig(
        4,
        3,
        5,
        4,
        3,
        3,
        5,
        2,
        new int[] {2, 3},
        6,
        dropout,
        biases,
        1e-3,
        1.0,
        4,
        1,
        0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        1,
        11,
        objective,
        historyDim,
        temperature,
        0.0,
        1.0,
        ratingsDim,
        ratingsDim,
        0);
  }

  /** A seed for {@link #offTheKinks} that keeps the model with ratings inputs off every kink. */
  private static final long KINKS_WITH_RATINGS = 6;
}
