package vn.tdkt.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The memory check of readiness, on a clock of its own: an OutOfMemoryError's window, a full heap, thread deaths. */
class MemoryWatchTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final MemoryWatch watch = new MemoryWatch(0.9, 300_000, now::get);

    @Test
    void anOutOfMemoryErrorMakesMemoryDownForItsWindowThenUpAgain() {
        assertThat(watch.check(0.5).get("status")).isEqualTo("UP");
        // an exchange that failed because of an OOM deep in its causes
        watch.failed(new IllegalStateException("batch failed", new RuntimeException(new OutOfMemoryError("heap"))));
        assertThat(watch.check(0.5).get("status")).isEqualTo("DOWN");
        assertThat(watch.outOfMemoryErrors()).isEqualTo(1);
        now.addAndGet(299_999);
        assertThat(watch.check(0.5).get("status")).isEqualTo("DOWN");
        now.addAndGet(2);
        assertThat(watch.check(0.5).get("status")).isEqualTo("UP");
        // other failures are no memory matter
        watch.failed(new java.sql.SQLException("connection refused"));
        assertThat(watch.check(0.5).get("status")).isEqualTo("UP");
        assertThat(watch.outOfMemoryErrors()).isEqualTo(1);
    }

    @Test
    void aHeapFullAfterCollectionIsDown() {
        assertThat(watch.check(0.9).get("status")).isEqualTo("UP");
        assertThat(watch.check(0.91).get("status")).isEqualTo("DOWN");
        assertThat(watch.check(0.91).get("message").toString()).contains("heap");
        assertThat(MemoryWatch.heapAfterGcRatio()).isBetween(0.0, 1.0);
    }

    @Test
    void threadDeathsAreRememberedByNameAndTime() {
        watch.threadDied("Camel (hub) thread #7 - KafkaConsumer[tdkt.results]", new OutOfMemoryError("heap"));
        now.addAndGet(10);
        watch.threadDied("Camel (hub) thread #8 - KafkaConsumer[tdkt.commands]", new IllegalStateException("x"));
        assertThat(watch.deaths("KafkaConsumer[tdkt.results]", 0)).hasSize(1)
                .allSatisfy(d -> assertThat(d.error()).contains("OutOfMemoryError"));
        // a route restarted after the death: that death no longer counts
        assertThat(watch.deaths("KafkaConsumer[tdkt.results]", now.get())).isEmpty();
        assertThat(watch.outOfMemoryErrors()).isEqualTo(1);
    }
}
