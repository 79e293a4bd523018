package movierec.model;

/**
 * An optional input of a tower: an embedding bag (a user's movies, a movie's raters) through a ReLU
 * dense layer to the tower's width, one block of the tower's concatenation.
 */
final class BagInput {
  final Embedding table;
  final Dense fc;

  /** Which block of the tower's concatenation this input fills. */
  final int part;

  BagInput(String name, int rows, int dim, int towerDim, int part) {
    this.table = new Embedding(name, rows, dim, -1);
    this.fc = new Dense(name + ".fc", dim, towerDim, Activation.RELU);
    this.part = part;
  }

  /** The dense layer's output for each example's bag ({@code n x towerDim}). */
  double[] forward(Bag bag, int n) {
    return fc.forward(table.forwardBag(bag, n), n);
  }

  /** Accumulates the gradients from dL/d(output) of the last {@link #forward}. */
  void backward(double[] dOut, int n) {
    table.backwardBag(fc.backward(dOut, n, true), n);
  }
}
