package movierec.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import movierec.ranking.MetricRow;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The evaluate job's static HTML report: index.html and one PNG per chart (XChart, drawn headless),
 * in one directory that a browser opens from disk: learning curves, every metric across models, the
 * rating distribution, recall@K curves and the genre consistency of similar-movie lists.
 */
public final class Report {
  /** The metrics drawn as one bar chart each, with one series per cut-off. */
  static final List<String> BAR_METRICS =
      List.of("ndcg", "recall", "precision", "map", "hit_rate", "coverage", "novelty", "diversity");

  /** One epoch of a model's training, for the learning curves. */
  public record Epoch(String model, int epoch, double trainRmse, double validationRmse) {}

  /** What the report shows. */
  public record Content(
      LocalDate runDate,
      List<MetricRow> metrics,
      List<Epoch> history,
      Map<Double, Long> ratingCounts,
      long evaluatedUsers,
      long excludedUsers) {}

  private Report() {}

  /** Writes index.html and the charts into {@code dir}. */
  public static void write(Path dir, Content c) {
    System.setProperty("java.awt.headless", "true");
    List<String> sections = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      chart(dir, sections, "learning_curves", "Learning curves (RMSE per epoch)", learning(c));
      chart(dir, sections, "rating_errors", "Rating prediction on the test split", errors(c));
      for (String m : BAR_METRICS) {
        CategoryChart ch = bars(c, m);
        if (ch != null) {
          chart(dir, sections, "metric_" + m, label(m) + " by model", ch);
        }
      }
      chart(dir, sections, "recall_curve", "Recall@K curves", recallCurve(c));
      chart(dir, sections, "rating_distribution", "Ratings by stars", ratings(c));
      CategoryChart sim = similar(c);
      if (sim != null) {
        chart(dir, sections, "similar_movies", "Similar-movie lists by method", sim);
      }
      Files.writeString(dir.resolve("index.html"), html(c, sections), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void chart(
      Path dir, List<String> sections, String name, String title, Chart<?, ?> ch)
      throws IOException {
    String file = name + ".png";
    BitmapEncoder.saveBitmap(ch, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    sections.add(
        "<section><h2>"
            + esc(title)
            + "</h2><img src=\""
            + file
            + "\" alt=\""
            + esc(title)
            + "\"></section>");
  }

  private static XYChart learning(Content c) {
    XYChart ch =
        new XYChartBuilder().width(900).height(500).xAxisTitle("epoch").yAxisTitle("RMSE").build();
    TreeMap<String, List<Epoch>> byModel = new TreeMap<>();
    c.history().forEach(e -> byModel.computeIfAbsent(e.model(), k -> new ArrayList<>()).add(e));
    byModel.forEach(
        (model, epochs) -> {
          double[] x = epochs.stream().mapToDouble(Epoch::epoch).toArray();
          ch.addSeries(
              model + " train", x, epochs.stream().mapToDouble(Epoch::trainRmse).toArray());
          ch.addSeries(
              model + " validation",
              x,
              epochs.stream().mapToDouble(Epoch::validationRmse).toArray());
        });
    if (byModel.isEmpty()) {
      ch.addSeries("no training history", new double[] {0}, new double[] {0});
    }
    return ch;
  }

  private static CategoryChart errors(Content c) {
    CategoryChart ch = category("model", "error (stars)");
    for (String metric : List.of("rmse", "mae")) {
      List<String> models = new ArrayList<>();
      List<Number> values = new ArrayList<>();
      for (MetricRow r : c.metrics()) {
        if (r.metric().equals(metric)) {
          models.add(r.model());
          values.add(r.value());
        }
      }
      if (!models.isEmpty()) {
        ch.addSeries(metric.toUpperCase(Locale.ROOT), models, values);
      }
    }
    return ch;
  }

  /** One bar per ranking model, one series per cut-off; null when the metric is absent. */
  private static CategoryChart bars(Content c, String metric) {
    TreeMap<Integer, TreeMap<String, Double>> byK = new TreeMap<>();
    for (MetricRow r : c.metrics()) {
      if (r.metric().equals(metric) && r.k() != null && !r.model().startsWith("similar")) {
        byK.computeIfAbsent(r.k(), k -> new TreeMap<>()).put(r.model(), r.value());
      }
    }
    if (byK.isEmpty()) {
      return null;
    }
    CategoryChart ch = category("model", label(metric));
    byK.forEach(
        (k, values) ->
            ch.addSeries(
                "@" + k, new ArrayList<>(values.keySet()), new ArrayList<>(values.values())));
    return ch;
  }

  private static XYChart recallCurve(Content c) {
    XYChart ch =
        new XYChartBuilder().width(900).height(500).xAxisTitle("K").yAxisTitle("Recall@K").build();
    TreeMap<String, TreeMap<Integer, Double>> byModel = new TreeMap<>();
    for (MetricRow r : c.metrics()) {
      if (r.metric().equals("recall_curve")) {
        byModel.computeIfAbsent(r.model(), k -> new TreeMap<>()).put(r.k(), r.value());
      }
    }
    byModel.forEach(
        (model, points) ->
            ch.addSeries(
                model,
                points.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                points.values().stream().mapToDouble(Double::doubleValue).toArray()));
    if (byModel.isEmpty()) {
      ch.addSeries("no ranking metrics", new double[] {0}, new double[] {0});
    }
    return ch;
  }

  private static CategoryChart ratings(Content c) {
    CategoryChart ch = category("stars", "ratings");
    List<String> stars = new ArrayList<>();
    List<Number> counts = new ArrayList<>();
    new TreeMap<>(c.ratingCounts())
        .forEach(
            (s, n) -> {
              stars.add(s % 1 == 0 ? String.valueOf(s.intValue()) : String.valueOf(s));
              counts.add(n);
            });
    ch.addSeries("ratings", stars, counts);
    return ch;
  }

  private static CategoryChart similar(Content c) {
    CategoryChart ch = category("method", "mean over movies");
    boolean any = false;
    for (String metric : List.of("genre_jaccard", "co_rating_overlap")) {
      TreeMap<String, Double> values = new TreeMap<>();
      for (MetricRow r : c.metrics()) {
        if (r.metric().equals(metric)) {
          values.put(r.model(), r.value());
        }
      }
      if (!values.isEmpty()) {
        ch.addSeries(metric, new ArrayList<>(values.keySet()), new ArrayList<>(values.values()));
        any = true;
      }
    }
    return any ? ch : null;
  }

  private static CategoryChart category(String x, String y) {
    CategoryChart ch =
        new CategoryChartBuilder().width(900).height(500).xAxisTitle(x).yAxisTitle(y).build();
    ch.getStyler().setXAxisLabelRotation(30);
    return ch;
  }

  private static String label(String metric) {
    return switch (metric) {
      case "ndcg" -> "NDCG";
      case "map" -> "MAP";
      case "hit_rate" -> "Hit rate";
      default -> Character.toUpperCase(metric.charAt(0)) + metric.substring(1).replace('_', ' ');
    };
  }

  private static String html(Content c, List<String> sections) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>movierec evaluation ")
        .append(c.runDate())
        .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1100px}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;")
        .append("text-align:right}th:first-child,td:first-child{text-align:left}")
        .append("img{max-width:100%}</style></head><body>\n<h1>movierec evaluation, run date ")
        .append(c.runDate())
        .append("</h1>\n<p>Test split of ratings_split; ranking over every movie a user has not")
        .append(" rated in training or validation; relevant = test ratings at or above the")
        .append(" threshold. Users evaluated: ")
        .append(c.evaluatedUsers())
        .append("; test users without a relevant item (left out): ")
        .append(c.excludedUsers())
        .append(".</p>\n")
        .append(table(c.metrics()));
    sections.forEach(s -> sb.append(s).append('\n'));
    return sb.append("</body></html>\n").toString();
  }

  /** Models as rows, metric@k as columns; a value with an interval shows it below. */
  private static String table(List<MetricRow> metrics) {
    TreeSet<String> columns = new TreeSet<>();
    TreeMap<String, TreeMap<String, MetricRow>> rows = new TreeMap<>();
    for (MetricRow r : metrics) {
      if (r.metric().equals("recall_curve")) {
        continue;
      }
      String col = r.metric() + (r.k() == null ? "" : "@" + r.k());
      columns.add(col);
      rows.computeIfAbsent(r.model(), k -> new TreeMap<>()).put(col, r);
    }
    StringBuilder sb = new StringBuilder("<table><tr><th>model</th>");
    columns.forEach(col -> sb.append("<th>").append(esc(col)).append("</th>"));
    sb.append("</tr>\n");
    rows.forEach(
        (model, values) -> {
          sb.append("<tr><td>").append(esc(model)).append("</td>");
          for (String col : columns) {
            MetricRow v = values.get(col);
            sb.append("<td>");
            if (v != null) {
              sb.append(String.format(Locale.ROOT, "%.4f", v.value()));
              if (v.ciLow() != null) {
                sb.append(
                    String.format(
                        Locale.ROOT, "<br><small>[%.4f, %.4f]</small>", v.ciLow(), v.ciHigh()));
              }
            }
            sb.append("</td>");
          }
          sb.append("</tr>\n");
        });
    return sb.append("</table>\n<p>Below a value: its 95% bootstrap interval over users;")
        .append(" <code>*_vs_ease</code>: the model's difference from EASE, paired by user.</p>\n")
        .toString();
  }

  private static String esc(String s) {
    return Objects.toString(s)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
