package io.github.distributedcounter.autoconfigure.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.autoconfigure.DistributedCounterBuilderCustomizer;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.VirtualThreadTaskExecutor;

@DynamoDbEmulatorTest
class DistributedCounterVirtualThreadsAutoConfigurationTest {

    private final ApplicationContextRunner runner;

    DistributedCounterVirtualThreadsAutoConfigurationTest(URI endpoint) {
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterVirtualThreadsAutoConfiguration.class,
                        DistributedCounterAutoConfiguration.class))
                .withBean(ThreadRecorder.class, ThreadRecorder::new)
                .withPropertyValues("distributed-counter.endpoint=" + endpoint,
                        "distributed-counter.access-key=testAccess", "distributed-counter.secret-key=testSecret",
                        "distributed-counter.create-table=true",
                        "distributed-counter.table=virtual-" + UUID.randomUUID());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void asyncWorkRunsOnVirtualThreadsWhenTheyAreEnabled() {
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(DistributedCounterBuilderCustomizer.class);
            DistributedCounter counter = context.getBean(DistributedCounter.class);
            ThreadRecorder threads = context.getBean(ThreadRecorder.class);
            threads.clear();
            assertThat(counter.async().increment("a", 2, 40).join()).isEqualTo(42);
            assertThat(counter.async().get("a").join()).hasValue(42);
            assertThat(threads.names()).isNotEmpty().allMatch(name -> name.startsWith("distributed-counter-"));
            assertThat(threads.virtual()).containsOnly(true);
        });
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void anExecutorOfTheApplicationsOwnCustomizerWins() {
        runner.withPropertyValues("spring.threads.virtual.enabled=true")
                .withBean("ownExecutor", DistributedCounterBuilderCustomizer.class,
                        () -> builder -> builder.asyncExecutor(task -> new Thread(task, "own-executor").start()))
                .run(context -> {
                    assertThat(context.getBeansOfType(DistributedCounterBuilderCustomizer.class))
                            .containsOnlyKeys("distributedCounterVirtualThreads", "ownExecutor");
                    DistributedCounter counter = context.getBean(DistributedCounter.class);
                    ThreadRecorder threads = context.getBean(ThreadRecorder.class);
                    threads.clear();
                    assertThat(counter.async().increment("a", 2, 40).join()).isEqualTo(42);
                    assertThat(threads.names()).isNotEmpty().containsOnly("own-executor");
                });
    }

    @Test
    void asyncWorkRunsOnTheCountersPlatformThreadsOtherwise() {
        ApplicationContextRunner platform = JRE.currentVersion().compareTo(JRE.JAVA_21) >= 0 ? runner
                : runner.withPropertyValues("spring.threads.virtual.enabled=true"); // before Java 21 it cannot apply
        platform.run(context -> {
            assertThat(context).doesNotHaveBean(DistributedCounterBuilderCustomizer.class);
            DistributedCounter counter = context.getBean(DistributedCounter.class);
            ThreadRecorder threads = context.getBean(ThreadRecorder.class);
            threads.clear();
            assertThat(counter.async().increment("a", 2, 40).join()).isEqualTo(42);
            assertThat(threads.names()).isNotEmpty().allMatch(name -> name.startsWith("distributed-counter-"));
            assertThat(threads.virtual()).containsOnly(false);
        });
    }

    /** Every caller gets its own value: no value twice, none lost, while 10,000 virtual threads wait on one key. */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void tenThousandVirtualThreadsIncrementingOneKeyEachGetTheirOwnValue() throws Exception {
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            DistributedCounter counter = context.getBean(DistributedCounter.class);
            int callers = 10_000;
            VirtualThreadTaskExecutor callerThreads = new VirtualThreadTaskExecutor("caller-");
            Set<Long> values = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(callers);
            for (int i = 0; i < callers; i++) {
                callerThreads.execute(() -> {
                    try {
                        start.await();
                        values.add(counter.increment("hot", 1, 0));
                    } catch (Throwable e) {
                        failures.add(e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            start.countDown();
            assertThat(done.await(5, TimeUnit.MINUTES)).as("all callers returned").isTrue();
            assertThat(failures).isEmpty();
            assertThat(new TreeSet<>(values)).hasSize(callers).first().isEqualTo(1L);
            assertThat(new TreeSet<>(values).last()).isEqualTo(callers);
            assertThat(counter.get("hot")).hasValue(callers);
        });
    }

    /** Records the thread of every request the counter sends. */
    static final class ThreadRecorder implements CounterObserver {

        private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();

        @Override
        public void requestCompleted(String operation, String outcome, long nanos) {
            threads.add(Thread.currentThread());
        }

        void clear() {
            threads.clear();
        }

        List<String> names() {
            return threads.stream().map(Thread::getName).toList();
        }

        /** {@code Thread.isVirtual()}, a Java 21 method, for code compiled for Java 17; false before Java 21. */
        List<Boolean> virtual() throws ReflectiveOperationException {
            Method isVirtual = JRE.currentVersion().compareTo(JRE.JAVA_21) >= 0 ? Thread.class.getMethod("isVirtual")
                    : null;
            List<Boolean> virtual = new ArrayList<>();
            for (Thread thread : threads) {
                virtual.add(isVirtual != null && (Boolean) isVirtual.invoke(thread));
            }
            return virtual;
        }
    }
}
