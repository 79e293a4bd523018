package movierec.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Architecture and optimiser settings of the embedding regressor. {@link #tutorial} is the original
 * notebook's network and training (dot product only, Adam 1e-4, batch 256, 5 epochs, dropout 0.5);
 * the configured default adds the biases and differs only in training settings.
 *
 * @param userIdDim user id embedding width (tutorial: 32)
 * @param demographicDim gender, age and occupation embedding widths (16)
 * @param towerDim width of the dense layer after each input (32)
 * @param movieIdDim movie id embedding width (32)
 * @param genreDim genre embedding width, summed over a movie's genres (32)
 * @param wordDim title word embedding width (32)
 * @param titleLength title tokens kept, padded (15)
 * @param filters convolution filters per window size (8)
 * @param windows convolution window sizes ({2, 3, 4, 5})
 * @param vectorDim the user and movie vectors' width (200)
 * @param dropout dropout rate on the pooled title features (0.5)
 * @param biases whether the prediction adds the global mean, a user and a movie bias
 * @param learningRate Adam's step size in the first epoch
 * @param learningRateDecay the step size is multiplied by this after every epoch
 * @param batchSize examples per gradient step (per replica)
 * @param maxEpochs passes over the training data at most
 * @param patience epochs without a better validation RMSE before stopping (0: never stop early)
 * @param minImprovement an epoch whose validation figure beats the best by less than this counts
 *     towards {@code patience} (its weights are still kept if better): the flat end of a decayed
 *     schedule stops one epoch sooner (0: any gain counts)
 * @param averaging weight of the running average in an exponential moving average of the epoch-end
 *     weights, which is what is validated and kept (0: the raw weights)
 * @param l2Embedding L2 penalty on the embedding rows a batch touches (and the biases)
 * @param l2Dense L2 penalty on dense and convolution weights
 * @param idDropout probability of replacing a training example's user id, and independently its
 *     movie id, by the "unknown" row, which is what cold-start entities are served from
 * @param syncsPerEpoch parameter-averaging rounds per epoch
 * @param seed seed of initialisation, shuffling, dropout and id dropout
 * @param objective what is trained: {@link Objective#RATING} (squared error of the predicted
 *     rating: the embedding regressor) or {@link Objective#RANKING} (sampled softmax over in-batch
 *     negatives with the log-frequency correction: the ranker)
 * @param historyDim width of the user tower's history input, the bag of the user's training movies
 *     scaled by |N(u)|^-1/2 (0: no history input)
 * @param temperature ranking only: logits are the vectors' dot product divided by this
 * @param historyDropout probability of leaving each movie out of a training example's history (a
 *     denoising input, as in Liang et al. 2018's Mult-DAE)
 * @param logQWeight ranking only: the log-frequency correction subtracted from each logit is this
 *     times log(the movie's share of the training ratings); 1 is Yi et al.'s correction, above 1
 *     pushes the lists further from the popular movies
 * @param userRatingsDim width of the user tower's ratings input: the bag of the user's training
 *     movies, each weighted by its rating less the training mean, scaled by |N(u)|^-1/2 (the
 *     user-based AutoRec's input, Sedhain et al. 2015); 0: none
 * @param movieRatingsDim width of the movie tower's ratings input: the bag of the movie's training
 *     raters, each weighted by their rating less the training mean, scaled by |N(i)|^-1/2 (the
 *     item-based AutoRec's input); 0: none
 * @param maxBag each bag input (history, user ratings, movie ratings) reads at most this many
 *     entries of its list: an evenly spaced sample, at a random offset in training. A training
 *     example costs about its bags' lengths x their widths, and a movie's raters grow with the data
 *     (ML-1M: 816 a rating on average, a 25M set about 3,100), so without a cap an epoch grows with
 *     the sum of squared raters, not with the ratings (0: every entry)
 */
public record ModelConfig(
    int userIdDim,
    int demographicDim,
    int towerDim,
    int movieIdDim,
    int genreDim,
    int wordDim,
    int titleLength,
    int filters,
    int[] windows,
    int vectorDim,
    double dropout,
    boolean biases,
    double learningRate,
    double learningRateDecay,
    int batchSize,
    int maxEpochs,
    int patience,
    double minImprovement,
    double averaging,
    double l2Embedding,
    double l2Dense,
    double idDropout,
    int syncsPerEpoch,
    long seed,
    Objective objective,
    int historyDim,
    double temperature,
    double historyDropout,
    double logQWeight,
    int userRatingsDim,
    int movieRatingsDim,
    int maxBag)
    implements Serializable {

  /** What the towers are trained for. */
  public enum Objective {
    RATING,
    RANKING
  }

  /** The tutorial's network and schedule, with the given seed. */
  public static ModelConfig tutorial(long seed) {
    return new ModelConfig(
        32,
        16,
        32,
        32,
        32,
        32,
        15,
        8,
        new int[] {2, 3, 4, 5},
        200,
        0.5,
        false,
        1e-4,
        1.0,
        256,
        5,
        0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        1,
        seed,
        Objective.RATING,
        0,
        1.0,
        0.0,
        1.0,
        0,
        0,
        0);
  }

  public ModelConfig {
    windows = windows.clone();
    if (historyDim < 0
        || userRatingsDim < 0
        || movieRatingsDim < 0
        || maxBag < 0
        || !(temperature > 0)
        || !(historyDropout >= 0 && historyDropout < 1)
        || !(logQWeight >= 0)) {
      throw new IllegalArgumentException(
          "history-dim, ratings dims, max-bag and log-q-weight must be >= 0, history-dropout in"
              + " [0, 1) and temperature positive");
    }
    for (int w : windows) {
      if (w < 1 || w > titleLength) {
        throw new IllegalArgumentException("window " + w + " must be in [1, title-length]");
      }
    }
  }

  @Override
  public int[] windows() {
    return windows.clone();
  }

  /** The same settings with another epoch budget. */
  public ModelConfig withMaxEpochs(int epochs) {
    return new ModelConfig(
        userIdDim,
        demographicDim,
        towerDim,
        movieIdDim,
        genreDim,
        wordDim,
        titleLength,
        filters,
        windows,
        vectorDim,
        dropout,
        biases,
        learningRate,
        learningRateDecay,
        batchSize,
        epochs,
        patience,
        minImprovement,
        averaging,
        l2Embedding,
        l2Dense,
        idDropout,
        syncsPerEpoch,
        seed,
        objective,
        historyDim,
        temperature,
        historyDropout,
        logQWeight,
        userRatingsDim,
        movieRatingsDim,
        maxBag);
  }

  public boolean ranking() {
    return objective == Objective.RANKING;
  }

  /** Adam's step size in epoch {@code epoch} (1-based). */
  public double learningRate(int epoch) {
    return learningRate * Math.pow(learningRateDecay, epoch - 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelConfig c && toString().equals(c.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return "ModelConfig[userIdDim=%d, demographicDim=%d, towerDim=%d, movieIdDim=%d, genreDim=%d,"
            .formatted(userIdDim, demographicDim, towerDim, movieIdDim, genreDim)
        + " wordDim=%d, titleLength=%d, filters=%d, windows=%s, vectorDim=%d, dropout=%s,"
            .formatted(wordDim, titleLength, filters, Arrays.toString(windows), vectorDim, dropout)
        + " biases=%s, learningRate=%s, learningRateDecay=%s, batchSize=%d, maxEpochs=%d,"
            .formatted(biases, learningRate, learningRateDecay, batchSize, maxEpochs)
        + " patience=%d, averaging=%s,".formatted(patience, averaging)
        + (minImprovement == 0 ? "" : " minImprovement=%s,".formatted(minImprovement))
        + " l2Embedding=%s, l2Dense=%s, idDropout=%s, syncsPerEpoch=%d, seed=%d,"
            .formatted(l2Embedding, l2Dense, idDropout, syncsPerEpoch, seed)
        + " objective=%s, historyDim=%d, temperature=%s, historyDropout=%s, logQWeight=%s"
            .formatted(objective, historyDim, temperature, historyDropout, logQWeight)
        + (userRatingsDim == 0 && movieRatingsDim == 0
            ? ""
            : ", userRatingsDim=%d, movieRatingsDim=%d".formatted(userRatingsDim, movieRatingsDim))
        + (maxBag == 0 ? "" : ", maxBag=%d".formatted(maxBag))
        + "]";
  }
}
