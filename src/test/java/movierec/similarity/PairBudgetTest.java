package movierec.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PairBudgetTest {
  private static final long[] ACTIVITY = {3, 5, 1};

  private static PairBudget.Side side(int entities, int blockSize, int cap) {
    return new PairBudget.Side(
        "user-user",
        "similarity.user-co-rating",
        ACTIVITY,
        entities,
        blockSize,
        cap,
        50,
        Set.of(Kind.COSINE));
  }

  @Test
  void updatesAreHalfTheSquaresAfterTheCap() {
    assertEquals(3 + 10, PairBudget.updates(ACTIVITY, 0));
    assertEquals(1 + 1, PairBudget.updates(ACTIVITY, 2));
    assertEquals(3 + 6, PairBudget.updates(ACTIVITY, 4));
    assertEquals(13, PairBudget.updates(ACTIVITY, 99));
  }

  @Test
  void copiesGrowWithBlocksUpToTheOthersActivity() {
    assertEquals(3 + 5 + 1, PairBudget.copies(ACTIVITY, 0, 1));
    assertEquals(3 * 2 + 5 * 2 + 1, PairBudget.copies(ACTIVITY, 0, 2));
    assertEquals(9 + 25 + 1, PairBudget.copies(ACTIVITY, 0, 10));
    assertEquals(4 + 4 + 1, PairBudget.copies(ACTIVITY, 2, 10));
  }

  @Test
  void largestCapWithinTheBudget() {
    assertEquals(3, PairBudget.largestCapWithin(ACTIVITY, 6));
    assertEquals(3, PairBudget.largestCapWithin(ACTIVITY, 8));
    assertEquals(4, PairBudget.largestCapWithin(ACTIVITY, 9));
    assertEquals(5, PairBudget.largestCapWithin(ACTIVITY, 13));
    assertEquals(2, PairBudget.largestCapWithin(ACTIVITY, 0));
  }

  @Test
  void overTheComputeBudgetNamesTheCapThatFits() {
    assertEquals(13, PairBudget.check(side(10, 5, 0), 13, Long.MAX_VALUE));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PairBudget.check(side(10, 5, 0), 6, Long.MAX_VALUE));
    assertTrue(e.getMessage().contains("would make 13 cell updates"), e.getMessage());
    assertTrue(e.getMessage().contains("Set similarity.heavy-cap=3 (6 updates"), e.getMessage());
    assertTrue(e.getMessage().contains("similarity.user-co-rating=[]"), e.getMessage());
  }

  @Test
  void overTheShuffleBudgetNamesTheBlockSizeThatFits() {
    // 10 entities in blocks of 1: 10 blocks, 35 copies; of 4: 3 blocks, 25; of 8: 2 blocks, 17
    long perCopy = PairBudget.BYTES_PER_COPY;
    assertEquals(13, PairBudget.check(side(10, 1, 0), 100, 35 * perCopy));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PairBudget.check(side(10, 1, 0), 100, 20 * perCopy));
    assertTrue(e.getMessage().contains("would shuffle about"), e.getMessage());
    assertTrue(e.getMessage().contains("10 blocks of 1"), e.getMessage());
    assertTrue(e.getMessage().contains("Set similarity.block-size=8 "), e.getMessage());
  }

  @Test
  void theShufflePlansDerivedBlockDoublesUntilTheShuffleFitsOrMemoryStops() {
    long perCopy = PairBudget.BYTES_PER_COPY;
    // the copies of the test above: 35 at blocks of 1, 25 at 4, 17 at 8
    assertEquals(8, PairBudget.shuffleBlock(ACTIVITY, 10, 0, 20 * perCopy, 1, 1, 1 << 20));
    assertEquals(1, PairBudget.shuffleBlock(ACTIVITY, 10, 0, 35 * perCopy, 1, 1, 1 << 20));
    // a task of 10 bytes at block 1 is 40 at 2 and 160 at 4: a heap of 200 stops at 2
    assertEquals(2, PairBudget.shuffleBlock(ACTIVITY, 10, 0, 20 * perCopy, 1, 10, 200));
  }

  @Test
  void derivedBlocksGrowWithTheEntitiesSoThatPairsStayBounded() {
    assertEquals(512, StageSizes.blockFor(100));
    assertEquals(512, StageSizes.blockFor(6_040));
    assertEquals(512, StageSizes.blockFor(61_938));
    assertEquals(1024, StageSizes.blockFor(162_000));
    for (int n : new int[] {1, 1_000, 100_000, 200_948, 1_000_000, 10_000_000}) {
      int b = StageSizes.blockFor(n);
      int pairs = BlockPairs.count(BlockPairs.blocks(n, b));
      assertTrue(pairs <= StageSizes.MAX_PAIRS, n + " entities: " + pairs + " pairs of " + b);
      assertTrue(
          b == StageSizes.MIN_BLOCK
              || BlockPairs.count(BlockPairs.blocks(n, b / 2)) > StageSizes.MAX_PAIRS,
          "the smallest block that fits, for " + n);
    }
  }

  @Test
  void theComputeBudgetGrowsWithTheCoresUnlessSet() {
    assertEquals(
        2 * StageSizes.UPDATES_PER_CORE, StageSizes.updatesBudget(java.util.Optional.empty(), 2));
    assertEquals(7L, StageSizes.updatesBudget(java.util.Optional.of(7L), 64));
  }

  @Test
  void tilesGrowOnlyOncePartialListsOutgrowTheirBound() {
    long bound = BlockTiles.PARTIAL_LIST_BYTES;
    assertEquals(1, BlockTiles.tileFor(12, 170L << 20, 1));
    assertEquals(1, BlockTiles.tileFor(12, bound, 1));
    assertEquals(2, BlockTiles.tileFor(12, bound + 1, 1));
    // the 25M shape's user-user side: 42 GB in 159 blocks
    assertEquals(21, BlockTiles.tileFor(159, 42L << 30, 2));
    // ... but never below 4 tasks a core: 100 cores take tiles of 5 (528 tasks; 6 gives 378).
    assertEquals(5, BlockTiles.tileFor(159, 42L << 30, 100));
    // 3 blocks in one tile would be one task: a core keeps its 6 block pairs instead.
    assertEquals(1, BlockTiles.tileFor(3, 100 * bound, 1));
  }
}
