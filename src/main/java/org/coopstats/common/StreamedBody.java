package org.coopstats.common;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A body written as it is read from an open cursor (an SDMX data message, a CSV page): it holds the
 * cursor (a connection) and the query's place in the bulkhead from before the answer is sent until
 * its last byte is written, the write fails (the client left, or the database failed after the
 * status was sent), or it is dropped unwritten; whichever comes first gives them back, once.
 *
 * <p>Once a byte is sent, the status can no longer change: a failure then ends the body where it is
 * (the client sees a truncated message, never a complete-looking one) and is logged here.
 */
public final class StreamedBody implements StreamingOutput, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StreamedBody.class);

  private static final int READY = 0;
  private static final int WRITING = 1;
  private static final int CLOSED = 2;

  private final StreamingOutput body;
  private final List<AutoCloseable> held = new ArrayList<>();
  private final AtomicInteger state = new AtomicInteger(READY);

  /**
   * @param body what writes the answer
   * @param resource what it reads from (a cursor), given back when it is done
   */
  public StreamedBody(StreamingOutput body, AutoCloseable resource) {
    this.body = body;
    held.add(resource);
  }

  /** Gives {@code resource} back too when the body is done (synchronized with close). */
  public StreamedBody alsoClosing(AutoCloseable resource) {
    synchronized (held) {
      held.add(resource);
    }
    return this;
  }

  /**
   * Should the body never be written (the exchange ended first, e.g. the client left), the end of
   * the current exchange gives everything back.
   */
  public StreamedBody closedAtEndOf(CurrentVertxRequest exchange) {
    RoutingContext context = exchange.getCurrent();
    return closedAtEndOf(
        new Exchange() {
          @Override
          public void onEnd(Runnable action) {
            context.addEndHandler(ended -> action.run());
          }

          @Override
          public boolean ended() {
            return context.response().closed() || context.response().ended();
          }
        });
  }

  /**
   * As {@link #closedAtEndOf(CurrentVertxRequest)}. An exchange that has already ended (the client
   * left while the answer was being prepared, say waiting for its total) calls no end handler any
   * more: then everything is given back now, or the cursor's connection and the bulkhead place
   * would be held for ever (the scale bench found a cold query under 32 clients leaking all).
   */
  StreamedBody closedAtEndOf(Exchange exchange) {
    exchange.onEnd(this::close);
    if (exchange.ended()) {
      close();
    }
    return this;
  }

  /** The HTTP exchange a body answers, as far as its end goes. */
  interface Exchange {
    /** Runs {@code action} when the exchange ends (not if it has ended already). */
    void onEnd(Runnable action);

    /** Whether the exchange has ended, or its connection closed. */
    boolean ended();
  }

  @Override
  public void write(OutputStream output) throws IOException {
    if (!state.compareAndSet(READY, WRITING)) {
      throw new IOException("The body was closed before it was written");
    }
    Watched watched = new Watched(output);
    try {
      body.write(watched);
    } catch (IOException | RuntimeException e) {
      if (watched.failed) {
        // The client left: nobody to tell; a rethrow would only log an error per disconnect.
        LOG.debugf("A streamed answer was cut short: %s", e);
        return;
      }
      // Reading or writing failed here: rethrown, so that the server resets the connection
      // (the client sees a truncated message) or, before the first byte, answers 500.
      LOG.warnf(e, "A streamed answer was cut short");
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

  /** Gives everything back unless the body is being written (then its end does). */
  @Override
  public void close() {
    if (state.compareAndSet(READY, CLOSED)) {
      release();
    }
  }

  private void release() {
    synchronized (held) {
      state.set(CLOSED);
      for (AutoCloseable resource : held) {
        try {
          resource.close();
        } catch (Exception e) {
          LOG.debugf(e, "Closing what a streamed answer held failed");
        }
      }
      held.clear();
    }
  }
}
