package org.coopstats.sdmx;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A data message written as it is read from an open cursor: it holds the cursor (a connection) and
 * the query's place in the bulkhead from before the answer is sent until its last byte is written,
 * the write fails (the client left, or the database failed after the status was sent), or it is
 * dropped unwritten; whichever comes first gives them back, once.
 *
 * <p>Once a byte is sent, the status can no longer change: a failure then ends the body where it is
 * (the client sees a truncated message, never a complete-looking one) and is logged here.
 */
final class StreamedMessage implements SdmxMessage, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StreamedMessage.class);

  private static final int READY = 0;
  private static final int WRITING = 1;
  private static final int CLOSED = 2;

  private final SdmxMessage body;
  private final List<AutoCloseable> held = new ArrayList<>();
  private final AtomicInteger state = new AtomicInteger(READY);

  StreamedMessage(SdmxMessage body, AutoCloseable resource) {
    this.body = body;
    held.add(resource);
  }

  /** Gives {@code resource} back too when the message is done (synchronized with close). */
  synchronized StreamedMessage alsoClosing(AutoCloseable resource) {
    held.add(resource);
    return this;
  }

  @Override
  public void writeTo(OutputStream output) throws IOException {
    if (!state.compareAndSet(READY, WRITING)) {
      throw new IOException("The data message was closed before it was written");
    }
    Watched watched = new Watched(output);
    try {
      body.writeTo(watched);
    } catch (IOException | RuntimeException e) {
      if (watched.failed) {
        // The client left: nobody to tell; a rethrow would only log an error per disconnect.
        LOG.debugf("An SDMX data message was cut short: %s", e);
        return;
      }
      // Reading or writing failed here: rethrown, so that the server resets the connection
      // (the client sees a truncated message) or, before the first byte, answers 500.
      LOG.warnf(e, "An SDMX data message was cut short");
      throw e;
    } finally {
      release();
    }
  }

  /** The server's stream, noting whether a write to it failed (the client is gone). */
  private static final class Watched extends FilterOutputStream {
    private boolean failed;

    Watched(OutputStream output) {
      super(output);
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }
  }

  /** Gives everything back unless the message is being written (then its end does). */
  @Override
  public void close() {
    if (state.compareAndSet(READY, CLOSED)) {
      release();
    }
  }

  private synchronized void release() {
    state.set(CLOSED);
    for (AutoCloseable resource : held) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.debugf(e, "Closing what an SDMX data message held failed");
      }
    }
    held.clear();
  }
}
