package movierec.recommend;

import movierec.model.Batch;
import movierec.model.InputSpace;
import movierec.model.ModelState;
import movierec.model.TwoTowerModel;

/**
 * The user tower of a trained model for someone it has never seen: the "unknown" id row (trained by
 * id dropout) with the demographics they give. Shared by segment_top_movies and recommend-for.
 */
public final class NewUserScorer {
  private final TwoTowerModel model;
  private final double shift;

  public NewUserScorer(ModelState state) {
    this.model = state.toModel();
    this.shift =
        state.config().biases() ? state.globalMean() + model.userBias(InputSpace.UNKNOWN) : 0;
  }

  public InputSpace space() {
    return model.space();
  }

  /**
   * The constant part of every prediction for a new user (mean and bias, when the model has them).
   */
  public double shift() {
    return shift;
  }

  /**
   * The vector of a new user; null attributes, or values the model was not trained with, use the
   * "unknown" row of that input.
   */
  public double[] vector(String gender, Integer age, Integer occupation) {
    InputSpace s = model.space();
    Batch b = new Batch(1, s.genreSlots(), model.config().titleLength());
    b.setUser(
        0,
        InputSpace.UNKNOWN,
        s.genderIndex(gender),
        s.ageIndex(age),
        s.occupationIndex(occupation));
    b.setSize(1);
    return java.util.Arrays.copyOf(model.userTower(b), model.vectorDim());
  }

  /** The predicted rating of a movie (vector, bias) for a new user's vector. */
  public double score(double[] user, float[] movie, double movieBias) {
    double s = shift + movieBias;
    for (int k = 0; k < user.length; k++) {
      s += user[k] * movie[k];
    }
    return s;
  }
}
