package org.coopstats.upload;

import java.util.concurrent.atomic.AtomicLong;

/** How far an upload has got; read by the job resource while the upload runs. */
public class UploadProgress {

  /** An upload that nobody watches. */
  public static final UploadProgress NONE = new UploadProgress();

  final AtomicLong rowsRead = new AtomicLong();
  final AtomicLong rowsChecked = new AtomicLong();
  final AtomicLong rowsStored = new AtomicLong();
  volatile String phase = "reading";
  volatile boolean cancelled;

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

  public void cancel() {
    cancelled = true;
  }

  /** Ends the upload (and its transaction) when the job has been cancelled. */
  void checkCancelled() {
    if (cancelled) {
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
