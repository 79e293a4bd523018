package movierec.model;

import java.io.Serializable;
import java.util.BitSet;
import java.util.List;

/**
 * A serialisable snapshot of a model: config, input space, every parameter and (for training)
 * Adam's moments. It is what travels between the driver and the replicas, what checkpoints and
 * model files hold, and what {@link #average} combines.
 */
public final class ModelState implements Serializable {
  private static final long serialVersionUID = 1L;

  final ModelConfig config;
  final InputSpace space;
  final double globalMean;
  final long step;
  final String[] names;
  final int[] cols;
  final double[][] w;
  final double[][] m;
  final double[][] v;

  /** Per sparse parameter, the rows a replica touched in its round; null entries when dense. */
  final BitSet[] touched;

  ModelState(
      ModelConfig config,
      InputSpace space,
      double globalMean,
      long step,
      String[] names,
      int[] cols,
      double[][] w,
      double[][] m,
      double[][] v,
      BitSet[] touched) {
    this.config = config;
    this.space = space;
    this.globalMean = globalMean;
    this.step = step;
    this.names = names;
    this.cols = cols;
    this.w = w;
    this.m = m;
    this.v = v;
    this.touched = touched;
  }

  /** Copies the model's parameters, and Adam's moments when {@code withMoments}. */
  public static ModelState of(TwoTowerModel model, boolean withMoments) {
    List<Param> ps = model.params();
    int n = ps.size();
    String[] names = new String[n];
    int[] cols = new int[n];
    double[][] w = new double[n][];
    double[][] m = withMoments ? new double[n][] : null;
    double[][] v = withMoments ? new double[n][] : null;
    BitSet[] touched = new BitSet[n];
    for (int i = 0; i < n; i++) {
      Param p = ps.get(i);
      names[i] = p.name;
      cols[i] = p.cols;
      w[i] = p.copy(Param.Slot.WEIGHTS);
      if (withMoments) {
        m[i] = p.copy(Param.Slot.FIRST_MOMENT);
        v[i] = p.copy(Param.Slot.SECOND_MOMENT);
      }
      touched[i] = p.roundTouched();
    }
    return new ModelState(
        model.config, model.space, model.globalMean, model.step, names, cols, w, m, v, touched);
  }

  /**
   * {@code weight x average + (1 - weight) x latest}, parameters only: one step of an exponential
   * moving average of weights (Polyak averaging).
   */
  public static ModelState blend(ModelState average, ModelState latest, double weight) {
    int n = latest.w.length;
    double[][] w = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] a = average.w[i];
      double[] b = latest.w[i];
      double[] o = new double[b.length];
      for (int k = 0; k < o.length; k++) {
        o[k] = weight * a[k] + (1 - weight) * b[k];
      }
      w[i] = o;
    }
    return new ModelState(
        latest.config,
        latest.space,
        latest.globalMean,
        latest.step,
        latest.names,
        latest.cols,
        w,
        null,
        null,
        new BitSet[n]);
  }

  /** The parameters alone: what model files and broadcasts for scoring need. */
  public ModelState withoutMoments() {
    return new ModelState(
        config, space, globalMean, step, names, cols, w, null, null, new BitSet[w.length]);
  }

  public double globalMean() {
    return globalMean;
  }

  public ModelConfig config() {
    return config;
  }

  public InputSpace space() {
    return space;
  }

  public boolean hasMoments() {
    return m != null;
  }

  /** A model holding copies of these parameters (and moments, when present). */
  public TwoTowerModel toModel() {
    TwoTowerModel model = new TwoTowerModel(config, space, globalMean);
    List<Param> ps = model.params();
    if (ps.size() != w.length) {
      throw new IllegalStateException(
          "saved model has " + w.length + " parameters, this version builds " + ps.size());
    }
    for (int i = 0; i < w.length; i++) {
      Param p = ps.get(i);
      if (!p.name.equals(names[i]) || p.size() != w[i].length) {
        throw new IllegalStateException(
            "saved parameter " + names[i] + " does not fit " + p.name + " of this version");
      }
      p.load(Param.Slot.WEIGHTS, w[i]);
      if (m != null) {
        p.load(Param.Slot.FIRST_MOMENT, m[i]);
        p.load(Param.Slot.SECOND_MOMENT, v[i]);
      }
    }
    model.step = step;
    model.globalMean = globalMean;
    return model;
  }

  /**
   * Parameter averaging (Zinkevich et al. 2010): dense parameters and their moments are the mean of
   * the replicas'. A row of an embedding table is the mean over the replicas that touched it in the
   * round (the others still hold the round's starting value, and counting them would shrink a rare
   * row's update by the number of replicas); untouched rows stay as they were. The order of {@code
   * replicas} is fixed (partition order), so the result is deterministic.
   */
  public static ModelState average(List<ModelState> replicas) {
    ModelState first = replicas.get(0);
    int n = first.w.length;
    boolean moments = first.m != null;
    double[][] w = new double[n][];
    double[][] m = moments ? new double[n][] : null;
    double[][] v = moments ? new double[n][] : null;
    long step = 0;
    for (ModelState r : replicas) {
      step = Math.max(step, r.step);
    }
    for (int i = 0; i < n; i++) {
      if (first.touched[i] == null) {
        w[i] = mean(replicas, i, s -> s.w);
        if (moments) {
          m[i] = mean(replicas, i, s -> s.m);
          v[i] = mean(replicas, i, s -> s.v);
        }
      } else {
        int cols = first.cols[i];
        w[i] = rowMean(replicas, i, cols, s -> s.w);
        if (moments) {
          m[i] = rowMean(replicas, i, cols, s -> s.m);
          v[i] = rowMean(replicas, i, cols, s -> s.v);
        }
      }
    }
    return new ModelState(
        first.config,
        first.space,
        first.globalMean,
        step,
        first.names,
        first.cols,
        w,
        m,
        v,
        new BitSet[n]);
  }

  private interface Part {
    double[][] of(ModelState s);
  }

  private static double[] mean(List<ModelState> replicas, int i, Part part) {
    double[] out = new double[part.of(replicas.get(0))[i].length];
    for (ModelState r : replicas) {
      double[] a = part.of(r)[i];
      for (int k = 0; k < out.length; k++) {
        out[k] += a[k];
      }
    }
    double inv = 1.0 / replicas.size();
    for (int k = 0; k < out.length; k++) {
      out[k] *= inv;
    }
    return out;
  }

  private static double[] rowMean(List<ModelState> replicas, int i, int cols, Part part) {
    double[] out = part.of(replicas.get(0))[i].clone();
    int rows = out.length / cols;
    for (int row = 0; row < rows; row++) {
      int count = 0;
      for (ModelState r : replicas) {
        if (r.touched[i].get(row)) {
          count++;
        }
      }
      if (count == 0) {
        continue;
      }
      int off = row * cols;
      java.util.Arrays.fill(out, off, off + cols, 0.0);
      for (ModelState r : replicas) {
        if (r.touched[i].get(row)) {
          double[] a = part.of(r)[i];
          for (int k = 0; k < cols; k++) {
            out[off + k] += a[off + k];
          }
        }
      }
      for (int k = 0; k < cols; k++) {
        out[off + k] /= count;
      }
    }
    return out;
  }
}
