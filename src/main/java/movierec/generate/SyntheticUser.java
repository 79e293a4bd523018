package movierec.generate;

import java.util.SplittableRandom;

/** One generated user: ML-1M demographics, and the bias and factor behind their ratings. */
record SyntheticUser(
    int id, char gender, int ageCode, int occupation, String zip, double bias, double[] factor) {

  private static final double[] AGE_CUMULATIVE = Draws.cumulative(Ml1mShape.AGE_COUNTS);
  private static final double[] OCCUPATION_CUMULATIVE =
      Draws.cumulative(Ml1mShape.OCCUPATION_COUNTS);

  static SyntheticUser of(long seed, int id, TasteModel taste) {
    SplittableRandom r = Draws.rng(seed, Draws.USERS, id);
    int genderIndex = r.nextDouble() < Ml1mShape.FEMALE_SHARE ? 1 : 0;
    int ageIndex = Draws.categorical(r, AGE_CUMULATIVE);
    int occupation = Draws.categorical(r, OCCUPATION_CUMULATIVE);
    String zip = String.format("%05d", r.nextInt(100_000));
    double bias = TasteModel.USER_BIAS_SD * r.nextGaussian();
    double[] factor = taste.userFactor(genderIndex, ageIndex, occupation, r);
    return new SyntheticUser(
        id,
        genderIndex == 1 ? 'F' : 'M',
        Ml1mShape.AGE_CODES[ageIndex],
        occupation,
        zip,
        bias,
        factor);
  }

  /** The users.dat line: {@code UserID::Gender::Age::Occupation::Zip-code}. */
  String line() {
    return id + "::" + gender + "::" + ageCode + "::" + occupation + "::" + zip;
  }
}
