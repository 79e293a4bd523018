package movierec.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import movierec.jobs.StageOrder;

/**
 * bench-scale.md's table: one row per size and stage, each with the date and commit it was measured
 * at, so sizes run by separate invocations (25M alone takes hours) sit in one table. A run replaces
 * the rows of the sizes it ran and keeps the others; the ratios to 1M are recomputed from whatever
 * 1M row the table holds.
 */
final class ScaleTable {
  /** The pseudo-stage of the whole run: the sum of its stages (data generation left out). */
  static final String PIPELINE = "pipeline";

  static final String GENERATE = "generate";

  static final String HEADER =
      "| size | stage | wall s | x 1M | x 1M / ratings x | date | commit | shuffle written |"
          + " spilled | max task exec. memory | peak heap | peak live heap |";

  private static final String SEPARATOR =
      "|---|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|";

  /** One measured stage; the memory columns as printed (they are only shown). */
  record Row(
      String size,
      String stage,
      double seconds,
      String date,
      String commit,
      String shuffle,
      String spill,
      String maxTask,
      String peakHeap,
      String peakLive) {}

  private ScaleTable() {}

  /** The rows of a table {@link #render} wrote, anywhere in {@code markdown}; none if absent. */
  static List<Row> parse(String markdown) {
    List<Row> rows = new ArrayList<>();
    boolean in = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.equals(HEADER)) {
        in = true;
      } else if (in && line.startsWith("|---")) {
        continue;
      } else if (in && line.startsWith("|")) {
        String[] f = line.substring(1, line.length() - 1).split("\\|", -1);
        if (f.length != 12) {
          continue;
        }
        rows.add(
            new Row(
                f[0].strip(),
                f[1].strip().replace("*", ""),
                Double.parseDouble(f[2].strip()),
                f[5].strip(),
                f[6].strip(),
                f[7].strip(),
                f[8].strip(),
                f[9].strip(),
                f[10].strip(),
                f[11].strip()));
      } else if (in) {
        in = false;
      }
    }
    return rows;
  }

  /**
   * The old rows of sizes {@code fresh} does not hold, and {@code fresh}'s (with a pipeline row per
   * size added), in size then stage order.
   */
  static List<Row> merge(List<Row> old, List<Row> fresh) {
    Set<String> sizes = fresh.stream().map(Row::size).collect(Collectors.toSet());
    List<Row> out = new ArrayList<>();
    old.stream().filter(r -> !sizes.contains(r.size())).forEach(out::add);
    for (String size : sizes) {
      List<Row> of = fresh.stream().filter(r -> r.size().equals(size)).toList();
      out.addAll(of.stream().filter(r -> !r.stage().equals(PIPELINE)).toList());
      List<Row> stages = of.stream().filter(r -> StageOrder.NAMES.contains(r.stage())).toList();
      if (!stages.isEmpty()) {
        Row first = stages.get(0);
        out.add(
            new Row(
                size,
                PIPELINE,
                stages.stream().mapToDouble(Row::seconds).sum(),
                first.date(),
                first.commit(),
                "",
                "",
                "",
                "",
                ""));
      }
    }
    out.sort(
        Comparator.comparingInt((Row r) -> sizeOrder(r.size()))
            .thenComparingInt(r -> stageOrder(r.stage())));
    return out;
  }

  /** The table's lines: header, separator, a row each, with the ratios to 1M's same stage. */
  static List<String> render(List<Row> rows) {
    List<String> lines = new ArrayList<>(List.of(HEADER, SEPARATOR));
    for (Row r : rows) {
      Row base =
          rows.stream()
              .filter(b -> b.size().equals("1M") && b.stage().equals(r.stage()))
              .findFirst()
              .orElse(null);
      String ratio = "";
      String perRatings = "";
      if (base != null && base.seconds() > 0) {
        double x = r.seconds() / base.seconds();
        ratio = String.format(Locale.ROOT, "%.1f", x);
        perRatings = String.format(Locale.ROOT, "%.2f", x / ratingsRatio(r.size()));
      }
      String stage = r.stage().equals(PIPELINE) ? "**" + PIPELINE + "**" : r.stage();
      lines.add(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
              r.size(),
              stage,
              r.seconds(),
              ratio,
              perRatings,
              r.date(),
              r.commit(),
              r.shuffle(),
              r.spill(),
              r.maxTask(),
              r.peakHeap(),
              r.peakLive()));
    }
    return lines;
  }

  /** A size's ratings over 1M's. */
  static double ratingsRatio(String size) {
    return (double) spec(size) / spec("1M");
  }

  private static long spec(String size) {
    return ScaleSize.find(size).map(s -> s.spec().ratings()).orElse(1L);
  }

  private static int sizeOrder(String size) {
    for (int i = 0; i < ScaleSize.KNOWN.size(); i++) {
      if (ScaleSize.KNOWN.get(i).label().equals(size)) {
        return i;
      }
    }
    return ScaleSize.KNOWN.size();
  }

  private static int stageOrder(String stage) {
    if (stage.equals(GENERATE)) {
      return -1;
    }
    int i = StageOrder.NAMES.indexOf(stage);
    return i >= 0 ? i : StageOrder.NAMES.size();
  }
}
