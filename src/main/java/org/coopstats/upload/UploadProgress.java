package org.coopstats.upload;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How far an upload has got; read by the job resource while the upload runs. A cancel and the
 * upload's own ending race for one decision: whichever comes first wins, so a cancel that was
 * accepted always ends the job as cancelled, and a cancel that comes too late is refused.
 */
public class UploadProgress {

  /** An upload that nobody watches. */
  public static final UploadProgress NONE = new UploadProgress();

  private enum Fate {
    OPEN,
    CANCELLED,
    SETTLED
  }

  final AtomicLong rowsRead = new AtomicLong();
  final AtomicLong rowsChecked = new AtomicLong();
  final AtomicLong rowsStored = new AtomicLong();
  volatile String phase = "reading";
  private final AtomicReference<Fate> fate = new AtomicReference<>(Fate.OPEN);

  public long rowsRead() {
    return rowsRead.get();
  }

  public long rowsChecked() {
    return rowsChecked.get();
  }

  public long rowsStored() {
    return rowsStored.get();
  }

  public String phase() {
    return phase;
  }

  /** Says what the upload is doing now, for whoever watches it. */
  public void phase(String now) {
    phase = now;
  }

  /** Ends the upload (and its transaction) when it has been cancelled, for a maker of rows. */
  public void stopIfCancelled() {
    checkCancelled();
  }

  /** Asks the upload to stop; false when its outcome is already decided (too late to cancel). */
  public boolean cancel() {
    fate.compareAndSet(Fate.OPEN, Fate.CANCELLED);
    return fate.get() == Fate.CANCELLED;
  }

  /** Decides the outcome: false when a cancel came first (the upload must then roll back). */
  public boolean settle() {
    if (fate.get() == Fate.OPEN && !settleElsewhere()) {
      fate.compareAndSet(Fate.OPEN, Fate.CANCELLED);
    }
    fate.compareAndSet(Fate.OPEN, Fate.SETTLED);
    return fate.get() == Fate.SETTLED;
  }

  /**
   * Where others may cancel too (other instances, through the database), the decision is taken
   * there: false when a cancel was recorded first.
   */
  protected boolean settleElsewhere() {
    return true;
  }

  /** Whether a cancel was recorded elsewhere; asked between batches of rows and phases. */
  protected boolean cancelledElsewhere() {
    return false;
  }

  /**
   * Called in the storing transaction, after the rows are written and before it commits; throwing
   * rolls the upload back.
   */
  void stored() {}

  public boolean isCancelled() {
    return fate.get() == Fate.CANCELLED;
  }

  /** Ends the upload (and its transaction) when the job has been cancelled. */
  void checkCancelled() {
    if (!isCancelled() && fate.get() == Fate.OPEN && cancelledElsewhere()) {
      cancel();
    }
    if (isCancelled()) {
      throw new CancelledException();
    }
  }

  /** Settles the outcome before storing, or ends the upload if a cancel came first. */
  void settleOrCancel() {
    if (!settle()) {
      throw new CancelledException();
    }
  }

  /** The upload was cancelled; its transaction rolls back, so nothing of it stays. */
  public static final class CancelledException extends RuntimeException {
    CancelledException() {
      super("The upload was cancelled; nothing of it was stored.");
    }
  }
}
