package movierec.model;

import java.util.SplittableRandom;

/**
 * A small dataset with a known latent structure: rating = 3 + 1.5 x (u . m) for 2-d user and movie
 * factors on the unit circle, plus a little noise. A model that can fit it must learn the factors
 * from ids alone (the attributes carry nothing).
 */
final class SyntheticData {
  final InputSpace space;
  final FeatureTable features;
  final RatingShard ratings;
  final double mean;
  final double std;

  SyntheticData(int users, int movies, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] uids = new int[users];
    int[] mids = new int[movies];
    double[] ua = new double[users];
    double[] ma = new double[movies];
    for (int i = 0; i < users; i++) {
      uids[i] = i + 1;
      ua[i] = rnd.nextDouble() * 2 * Math.PI;
    }
    for (int i = 0; i < movies; i++) {
      mids[i] = 1000 + i;
      ma[i] = rnd.nextDouble() * 2 * Math.PI;
    }
    space =
        new InputSpace(
            uids,
            mids,
            new String[] {"F", "M"},
            new int[] {1},
            new int[] {0},
            new String[] {"Drama"},
            new String[] {"film"},
            1);
    int[] idIndex = new int[users];
    int[] g = new int[users];
    int[] a = new int[users];
    int[] o = new int[users];
    for (int i = 0; i < users; i++) {
      idIndex[i] = space.userIndex(uids[i]);
      g[i] = 1 + (i % 2);
      a[i] = 1;
      o[i] = 1;
    }
    int[] mIndex = new int[movies];
    int[][] genres = new int[movies][];
    int[][] titles = new int[movies][];
    for (int i = 0; i < movies; i++) {
      mIndex[i] = space.movieIndex(mids[i]);
      genres[i] = new int[] {1};
      titles[i] = new int[] {2, 0, 0};
    }
    features = new FeatureTable(uids, idIndex, g, a, o, mids, mIndex, genres, titles);
    int n = users * movies;
    int[] ur = new int[n];
    int[] mr = new int[n];
    float[] r = new float[n];
    double sum = 0;
    double sq = 0;
    for (int u = 0, k = 0; u < users; u++) {
      for (int m = 0; m < movies; m++, k++) {
        ur[k] = u;
        mr[k] = m;
        r[k] = (float) (3 + 1.5 * Math.cos(ua[u] - ma[m]) + 0.05 * (rnd.nextDouble() - 0.5));
        sum += r[k];
        sq += r[k] * r[k];
      }
    }
    ratings = new RatingShard(ur, mr, r);
    mean = sum / n;
    std = Math.sqrt(sq / n - mean * mean);
  }

  /** A small network with the tutorial's shape, sized for the synthetic data. */
  static ModelConfig smallConfig(long seed) {
    return new ModelConfig(
        8,
        4,
        8,
        8,
        4,
        4,
        3,
        2,
        new int[] {2},
        8,
        0.0,
        true,
        0.01,
        1.0,
        32,
        60,
        0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        1,
        seed,
        ModelConfig.Objective.RATING,
        0,
        1.0,
        0.0,
        1.0,
        0,
        0,
        0);
  }
}
