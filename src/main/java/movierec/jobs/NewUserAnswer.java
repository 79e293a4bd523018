package movierec.jobs;

import static org.apache.parquet.filter2.predicate.FilterApi.binaryColumn;
import static org.apache.parquet.filter2.predicate.FilterApi.eq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import movierec.cli.UsageException;
import movierec.ingest.IngestSchemas;
import movierec.ingest.IngestTables;
import movierec.io.ParquetRows;
import movierec.model.InputSpace;
import movierec.model.ModelIo;
import movierec.recommend.NewUserScorer;
import movierec.recommend.SegmentTopMovies;
import movierec.similarity.TopK;
import movierec.train.TrainSchemas;
import movierec.train.TrainTables;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.api.Binary;

/**
 * recommend-for --new-user: the top movies for what a new user tells us (gender, age, occupation,
 * liked genres), scored from the model file's user tower against the stored movie vectors.
 */
final class NewUserAnswer {
  private NewUserAnswer() {}

  static List<RecommendForJob.Entry> entries(
      LatestRun run,
      RecommendForOptions options,
      int minRatings,
      String model,
      Map<Integer, RecommendForJob.Movie> movies) {
    Configuration hadoop = run.hadoop();
    Path file = ModelIo.file(run.partition(TrainTables.MODELS), model);
    NewUserScorer scorer = new NewUserScorer(ModelIo.load(file, hadoop));
    InputSpace s = scorer.space();
    Map<String, String> nu = options.newUser();
    String gender = nu.get("gender");
    Integer age = nu.containsKey("age") ? Integer.valueOf(nu.get("age")) : null;
    Integer occupation =
        nu.containsKey("occupation") ? Integer.valueOf(nu.get("occupation")) : null;
    if (gender != null && s.genderIndex(gender) == InputSpace.UNKNOWN) {
      throw new UsageException("gender " + gender + " is not one of " + List.of(s.genders()));
    }
    if (age != null && s.ageIndex(age) == InputSpace.UNKNOWN) {
      throw new UsageException(
          "age "
              + age
              + " is not an age bucket of the model: "
              + java.util.Arrays.toString(s.ages()));
    }
    if (occupation != null && s.occupationIndex(occupation) == InputSpace.UNKNOWN) {
      throw new UsageException(
          "occupation "
              + occupation
              + " is not one of "
              + java.util.Arrays.toString(s.occupations()));
    }
    TreeSet<String> known = new TreeSet<>();
    movies.values().forEach(m -> known.addAll(m.genres()));
    for (String g : options.genres()) {
      if (!known.contains(g)) {
        throw new UsageException("genre " + g + " is not one of " + known);
      }
    }
    Map<Integer, Long> counts = new HashMap<>();
    ParquetRows.scan(
        run.files(IngestTables.RATINGS),
        hadoop,
        null,
        "message m { optional int32 " + IngestSchemas.MOVIE_ID + "; }",
        g -> counts.merge(g.getInteger(0, 0), 1L, Long::sum));
    List<SegmentTopMovies.Movie> catalog = new ArrayList<>();
    ParquetRows.scan(
        run.files(TrainTables.MOVIE_VECTORS),
        hadoop,
        eq(binaryColumn(TrainSchemas.MODEL), Binary.fromString(model)),
        null,
        g -> {
          int id = g.getInteger(TrainSchemas.MOVIE_ID, 0);
          RecommendForJob.Movie m = movies.get(id);
          if (m != null
              && (options.genres().isEmpty()
                  || m.genres().stream().anyMatch(options.genres()::contains))) {
            catalog.add(
                new SegmentTopMovies.Movie(
                    id,
                    ParquetRows.floats(g, TrainSchemas.VECTOR),
                    g.getFloat(TrainSchemas.BIAS, 0),
                    m.genres(),
                    counts.getOrDefault(id, 0L)));
          }
        });
    int min = minRatings;
    List<SegmentTopMovies.Movie> shown = catalog.stream().filter(m -> m.ratings() >= min).toList();
    TopK top =
        SegmentTopMovies.top(
            scorer, scorer.vector(gender, age, occupation), shown, null, options.pool());
    List<RecommendForJob.Entry> out = new ArrayList<>();
    for (int slot : top.bestFirst()) {
      out.add(new RecommendForJob.Entry(top.neighbor(slot), top.score(slot), null));
    }
    return out;
  }
}
