package movierec.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A block of users scored at once gives each user what the model's definition gives. */
class ItemScorerTest {
  private static final int DIM = 200;
  private static final int ITEMS = 37;
  private static final int USERS = 9;

  private static float[] gaussian(Random rnd, int len) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) {
      x[i] = (float) (rnd.nextGaussian() * 0.1);
    }
    return x;
  }

  private static ItemScorer.Vectors vectors(Random rnd) {
    float[] bias = gaussian(rnd, ITEMS);
    bias[5] = Float.NaN;
    return new ItemScorer.Vectors("v", DIM, gaussian(rnd, ITEMS * DIM), bias);
  }

  private static float[][] users(Random rnd) {
    float[][] u = new float[USERS][];
    for (int r = 0; r < USERS; r++) {
      u[r] = r == 3 ? null : gaussian(rnd, DIM);
    }
    return u;
  }

  /** user . item + bias in double; a user without a vector gets the bias alone. */
  private static double exact(ItemScorer.Vectors m, float[] user, int item) {
    double s = m.bias()[item];
    for (int k = 0; user != null && k < DIM; k++) {
      s += (double) user[k] * m.items()[item * DIM + k];
    }
    return s;
  }

  @Test
  void aBlockOfVectorUsersIsTheirDotProductsPlusBias() {
    Random rnd = new Random(3);
    ItemScorer.Vectors m = vectors(rnd);
    float[][] u = users(rnd);
    float[] out = new float[USERS * ITEMS];
    m.scoreBlock(new int[USERS][0], u, USERS, out);
    for (int r = 0; r < USERS; r++) {
      for (int i = 0; i < ITEMS; i++) {
        float got = out[r * ITEMS + i];
        if (i == 5) {
          assertEquals(Float.NEGATIVE_INFINITY, got, "an item without a bias is never ranked");
        } else {
          assertEquals(exact(m, u[r], i), got, 1e-5, "user " + r + " item " + i);
        }
      }
    }
  }

  @Test
  void aBlendedBlockStandardisesEachUserOnTheirOwnScores() {
    Random rnd = new Random(5);
    ItemScorer.Vectors v = vectors(rnd);
    float[] pop = gaussian(rnd, ITEMS);
    ItemScorer.Static fixed = new ItemScorer.Static("pop", pop);
    ItemScorer.Blend blend = new ItemScorer.Blend("blend", fixed, v, 0.25);
    float[][] u = users(rnd);
    float[] out = new float[USERS * ITEMS];
    blend.scoreBlock(new int[USERS][0], u, USERS, out);
    for (int r = 0; r < USERS; r++) {
      double[] a = new double[ITEMS];
      double[] b = new double[ITEMS];
      for (int i = 0; i < ITEMS; i++) {
        a[i] = pop[i];
        b[i] = i == 5 ? Double.NEGATIVE_INFINITY : exact(v, u[r], i);
      }
      standardise(a);
      standardise(b);
      for (int i = 0; i < ITEMS; i++) {
        double expected = 0.25 * a[i] + 0.75 * b[i];
        if (i == 5) {
          assertEquals(Float.NEGATIVE_INFINITY, out[r * ITEMS + i]);
        } else {
          assertEquals(expected, out[r * ITEMS + i], 1e-4, "user " + r + " item " + i);
        }
      }
    }
  }

  private static void standardise(double[] s) {
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (double x : s) {
      if (Double.isFinite(x)) {
        sum += x;
        sq += x * x;
        n++;
      }
    }
    double mean = sum / n;
    double sd = Math.sqrt(sq / n - mean * mean);
    for (int i = 0; i < s.length; i++) {
      if (Double.isFinite(s[i])) {
        s[i] = (s[i] - mean) / sd;
      }
    }
  }
}
