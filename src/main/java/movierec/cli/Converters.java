package movierec.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Value checks shared by the jobs' options; picocli names the option in the message. */
public final class Converters {
  private Converters() {}

  /** An int above zero. */
  public static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String v) {
      try {
        int n = Integer.parseInt(v.strip());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // the message below says what is wanted
      }
      throw new TypeConversionException("'" + v + "' is not a positive whole number");
    }
  }

  /** A positive count: digits with optional _ or , separators and a k or M suffix. */
  public static final class Count implements ITypeConverter<Long> {
    @Override
    public Long convert(String v) {
      String s = v.replace("_", "").replace(",", "").toLowerCase(Locale.ROOT);
      long unit = 1;
      if (s.endsWith("k")) {
        unit = 1_000;
      } else if (s.endsWith("m")) {
        unit = 1_000_000;
      }
      String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
      try {
        long n = Math.multiplyExact(Long.parseLong(digits), unit);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException | ArithmeticException e) {
        // reported below
      }
      throw new TypeConversionException(
          "'" + v + "' is not a positive count such as 6040, 162k or 25M");
    }
  }
}
