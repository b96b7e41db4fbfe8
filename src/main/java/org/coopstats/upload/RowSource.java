package org.coopstats.upload;

import java.util.List;
import java.util.function.Consumer;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.ValidationIssue;

/** A submission being read row by row, never held whole in memory. */
public interface RowSource {

  /** Receives what a source reads. */
  interface Sink {
    /** The column names, where the format has a header; false stops reading. */
    boolean header(List<String> columns);

    void row(SourceRow row);
  }

  /**
   * Reads every row into {@code sink}. Faults of the file itself (a broken quote, invalid UTF-8, a
   * JSON syntax error) go to {@code issues}; reading stops at such a fault.
   */
  void read(Sink sink, Consumer<ValidationIssue> issues);
}
