package movierec.jobs;

import java.time.LocalDate;
import java.util.Optional;
import movierec.cli.NotFoundException;
import movierec.io.RunManifest;
import movierec.io.Table;
import movierec.io.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The run a terminal answer reads: the newest on or before the run date that every stage committed
 * (its manifests), read whole, never one table of one day and another of the next; in a warehouse
 * written before run manifests existed, each table's newest partition.
 */
final class LatestRun {
  private final Configuration hadoop;
  private final String warehouse;
  private final LocalDate onOrBefore;
  private final Optional<LocalDate> complete;

  LatestRun(Configuration hadoop, String warehouse, LocalDate onOrBefore) {
    this.hadoop = hadoop;
    this.warehouse = warehouse;
    this.onOrBefore = onOrBefore;
    this.complete = RunManifest.latestComplete(hadoop, warehouse, StageOrder.NAMES, onOrBefore);
  }

  Configuration hadoop() {
    return hadoop;
  }

  /** The run date whose partition of {@code table} is read. */
  LocalDate date(Table table) {
    return date(table.name());
  }

  LocalDate date(String table) {
    if (complete.isPresent()) {
      return complete.get();
    }
    return Tables.latestOnOrBefore(hadoop, warehouse, table, onOrBefore)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no "
                        + table
                        + " on or before "
                        + onOrBefore
                        + " under "
                        + warehouse
                        + "; run ./submit.sh pipeline first"));
  }

  /** The Parquet files of {@code table}'s partition: Parquet or Delta alike. */
  java.util.List<Path> files(Table table) {
    return Tables.partitionFiles(hadoop, warehouse, table.name(), date(table));
  }

  Path partition(String table) {
    return Tables.partition(warehouse, table, date(table));
  }
}
