package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An observer that throws does not fail callers: increments that were applied return their values, failures are
 * the counter's own, and the observer's exception is logged at WARNING once per observer method.
 */
@DynamoDbEmulatorTest
class FailingObserverTest {

    private static final Logger LOG = Logger.getLogger(CounterObserver.class.getName());

    private final DynamoDbClient client;
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Set<String> called = ConcurrentHashMap.newKeySet();
    private final CounterObserver throwing = new CounterObserver() {
        @Override
        public void requestCompleted(String operation, String outcome, long nanos) {
            fail("requestCompleted");
        }

        @Override
        public void incrementBatchWritten(int size) {
            fail("incrementBatchWritten");
        }

        @Override
        public void incrementsServed(int count) {
            fail("incrementsServed");
        }

        private void fail(String method) {
            called.add(method);
            throw new IllegalStateException("observer broken in " + method);
        }
    };
    private DynamoDbDistributedCounter counter;

    FailingObserverTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeEach
    void setUp() {
        LOG.addHandler(capture);
        counter = TestTables.newCounter(client, b -> b.observer(throwing));
    }

    @AfterEach
    void tearDown() {
        counter.close();
        LOG.removeHandler(capture);
    }

    @Test
    void callersGetTheirValuesWhenTheObserverThrows() throws Exception {
        assertThat(counter.increment("k", 1, 0)).isEqualTo(1);
        assertThat(counter.increment("k", 1)).isEqualTo(2);
        assertThat(counter.async().increment("k", 1).join()).isEqualTo(3);
        counter.put("p", 7);
        assertThat(counter.get("p")).isEqualTo(OptionalLong.of(7));
        assertThat(counter.compareAndSet("p", 7, 8)).isTrue();
        assertThat(counter.incrementIfAtMost("p", 1, 100)).isEqualTo(OptionalLong.of(9));
        assertThat(counter.getAll(List.of("k", "p"))).containsEntry("k", 3L).containsEntry("p", 9L);
        assertThat(counter.delete("p")).isTrue();

        int threads = 8;
        int perThread = 50;
        ConcurrentLinkedQueue<Long> synchronous = new ConcurrentLinkedQueue<>();
        ConcurrentWorkers workers = ConcurrentWorkers.start(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                synchronous.add(counter.increment("hot", 1, 0));
            }
        });
        List<CompletableFuture<Long>> async = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            async.add(counter.async().increment("hot", 1, 0));
        }
        workers.await(ConcurrentWorkers.TIMEOUT);
        Set<Long> values = new HashSet<>(synchronous);
        for (CompletableFuture<Long> future : async) {
            values.add(future.join());
        }
        int total = threads * perThread + 100;
        assertThat(values).as("every caller got a distinct value").hasSize(total);
        assertThat(values).allMatch(v -> v >= 1 && v <= total);
        assertThat(counter.get("hot")).as("each increment applied once").isEqualTo(OptionalLong.of(total));
        assertThat(called).containsExactlyInAnyOrder("requestCompleted", "incrementBatchWritten",
                "incrementsServed");
    }

    @Test
    void callersGetTheCountersOwnFailureWhenTheObserverThrows() {
        assertThatThrownBy(() -> counter.increment("missing", 1)).isExactlyInstanceOf(CounterNotFoundException.class);
        assertThatThrownBy(() -> counter.async().increment("missing", 1).join())
                .cause().isExactlyInstanceOf(CounterNotFoundException.class);
        assertThat(counter.get("missing")).isEmpty();
        assertThat(TestTables.itemCount(client, counter.tableName())).isZero();
    }

    @Test
    void theObserversExceptionIsLoggedOnceForEachMethod() {
        for (int i = 0; i < 5; i++) {
            counter.increment("k", 1, 0);
        }
        List<LogRecord> records;
        synchronized (logged) {
            records = List.copyOf(logged);
        }
        assertThat(records).hasSize(3);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getThrown()).isExactlyInstanceOf(IllegalStateException.class);
        });
        assertThat(records).extracting(LogRecord::getMessage).containsExactlyInAnyOrder(
                "CounterObserver " + throwing.getClass().getName() + ".requestCompleted threw; ignored, and further "
                        + "failures of this method are not logged",
                "CounterObserver " + throwing.getClass().getName() + ".incrementBatchWritten threw; ignored, and "
                        + "further failures of this method are not logged",
                "CounterObserver " + throwing.getClass().getName() + ".incrementsServed threw; ignored, and further "
                        + "failures of this method are not logged");
        assertThat(records).extracting(r -> r.getThrown().getMessage()).containsExactlyInAnyOrder(
                "observer broken in requestCompleted", "observer broken in incrementBatchWritten",
                "observer broken in incrementsServed");
    }
}
