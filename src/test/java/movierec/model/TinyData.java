package movierec.model;

import java.util.List;

/** A tiny input space and batch for model tests. */
final class TinyData {
  private TinyData() {}

  static InputSpace space() {
    return new InputSpace(
        new int[] {10, 20, 30},
        new int[] {100, 200, 300, 400},
        new String[] {"F", "M"},
        new int[] {1, 18, 25},
        new int[] {0, 4, 7},
        new String[] {"Action", "Comedy", "Drama"},
        new String[] {"blue", "matrix", "red", "the"},
        2);
  }

  /** Four examples, one with an unknown user and one with an unknown movie. */
  static Batch batch(InputSpace s, int titleLength) {
    Batch b = new Batch(4, s.genreSlots(), titleLength);
    b.setUser(0, s.userIndex(10), s.genderIndex("F"), s.ageIndex(18), s.occupationIndex(4));
    b.setUser(1, s.userIndex(20), s.genderIndex("M"), s.ageIndex(25), s.occupationIndex(7));
    b.setUser(2, s.userIndex(99), s.genderIndex("M"), s.ageIndex(1), s.occupationIndex(0));
    b.setUser(3, s.userIndex(30), s.genderIndex(null), s.ageIndex(null), s.occupationIndex(4));
    b.setMovie(
        0,
        s.movieIndex(100),
        s.genreRow(List.of("Action", "Drama")),
        s.titleRow(List.of("the", "matrix"), titleLength));
    b.setMovie(
        1,
        s.movieIndex(200),
        s.genreRow(List.of("Comedy")),
        s.titleRow(List.of("red", "blue", "matrix", "unseen"), titleLength));
    b.setMovie(
        2,
        s.movieIndex(400),
        s.genreRow(List.of("Drama", "Comedy", "Action")),
        s.titleRow(List.of("blue"), titleLength));
    b.setMovie(
        3,
        s.movieIndex(999),
        s.genreRow(List.of()),
        s.titleRow(List.of("the", "red", "the", "blue", "red", "matrix"), titleLength));
    b.setSize(4);
    return b;
  }
}
