package org.coopstats.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A streamed body gives back what it holds however its exchange ends. */
class StreamedBodyTest {

  /** An exchange that records its end handlers, ended or not yet. */
  private static final class FakeExchange implements StreamedBody.Exchange {
    final List<Runnable> handlers = new ArrayList<>();
    boolean ended;

    @Override
    public void onEnd(Runnable action) {
      if (!ended) {
        handlers.add(action); // an ended exchange calls no handler added later
      }
    }

    @Override
    public boolean ended() {
      return ended;
    }

    void end() {
      ended = true;
      handlers.forEach(Runnable::run);
    }
  }

  @Test
  void anExchangeThatEndsUnwrittenGivesEverythingBack() {
    AtomicInteger closed = new AtomicInteger();
    FakeExchange exchange = new FakeExchange();
    new StreamedBody(output -> {}, closed::incrementAndGet)
        .alsoClosing(closed::incrementAndGet)
        .closedAtEndOf(exchange);
    assertThat(closed).hasValue(0);
    exchange.end();
    assertThat(closed).hasValue(2);
  }

  /** The client left while the answer was being prepared: its end handlers have already run. */
  @Test
  void anExchangeAlreadyEndedGivesEverythingBackAtOnce() {
    AtomicInteger closed = new AtomicInteger();
    FakeExchange exchange = new FakeExchange();
    exchange.end();
    new StreamedBody(output -> {}, closed::incrementAndGet)
        .alsoClosing(closed::incrementAndGet)
        .closedAtEndOf(exchange);
    assertThat(closed).hasValue(2);
  }

  @Test
  void aWrittenBodyGivesBackOnceAtItsEnd() throws Exception {
    AtomicInteger closed = new AtomicInteger();
    FakeExchange exchange = new FakeExchange();
    StreamedBody body =
        new StreamedBody(output -> output.write('x'), closed::incrementAndGet)
            .closedAtEndOf(exchange);
    body.write(new java.io.ByteArrayOutputStream());
    exchange.end();
    assertThat(closed).hasValue(1);
  }
}
