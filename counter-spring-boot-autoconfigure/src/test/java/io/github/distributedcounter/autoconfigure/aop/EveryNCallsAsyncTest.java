package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Futures, {@code Mono} and {@code Flux} are counted without blocking; {@code @Async} methods on their thread. */
@DynamoDbEmulatorTest
class EveryNCallsAsyncTest {

    private final ApplicationContextRunner runner;

    EveryNCallsAsyncTest(URI endpoint) {
        runner = CounterRunner.on(endpoint, "async-" + UUID.randomUUID());
    }

    public static class Reports {

        @EveryNCalls(n = 2, key = "'future'")
        public CompletableFuture<String> future() {
            return CompletableFuture.completedFuture("ran");
        }

        @EveryNCalls(n = 2, key = "'stage'")
        public CompletionStage<String> stage() {
            return CompletableFuture.completedFuture("ran");
        }

        @EveryNCalls(n = 2, key = "'mono'")
        public Mono<String> mono() {
            return Mono.just("ran");
        }

        @EveryNCalls(n = 2, key = "'flux'")
        public Flux<String> flux() {
            return Flux.just("a", "b");
        }

        @EveryNCalls(n = 2, key = "'optional'")
        public Optional<String> optional() {
            return Optional.of("ran");
        }
    }

    /** Records the thread each key is computed on: the thread the interceptor runs on. */
    public static class Threads {

        final List<String> names = new CopyOnWriteArrayList<>();

        public String record() {
            names.add(Thread.currentThread().getName());
            return "async-work";
        }
    }

    public static class AsyncWork {

        @Async
        @EveryNCalls(n = 1, key = "@threads.record()")
        public CompletableFuture<String> work() {
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncConfiguration {

        @Bean
        Executor taskExecutor() {
            return new SimpleAsyncTaskExecutor("async-");
        }
    }

    @Test
    void aSkippedFutureIsACompletedFutureOfNull() {
        runner.withBean(Reports.class).run(context -> {
            Reports reports = context.getBean(Reports.class);
            assertThat(reports.future()).isNotNull().succeedsWithin(10, TimeUnit.SECONDS).isNull();
            assertThat(reports.future()).succeedsWithin(10, TimeUnit.SECONDS).isEqualTo("ran");
            assertThat(reports.stage()).isNotNull();
            assertThat(reports.stage().toCompletableFuture()).succeedsWithin(10, TimeUnit.SECONDS)
                    .isEqualTo("ran");
            assertThat(StoredCounters.of(context, "future", "stage"))
                    .isEqualTo(Map.of("future", 2L, "stage", 2L));
        });
    }

    @Test
    void monoAndFluxAreCountedOnSubscriptionAndSkippedAsEmpty() {
        runner.withBean(Reports.class).run(context -> {
            Reports reports = context.getBean(Reports.class);
            Mono<String> mono = reports.mono();
            Flux<String> flux = reports.flux();
            assertThat(StoredCounters.of(context, "mono", "flux")).isEmpty();
            assertThat(mono.blockOptional()).isEmpty();
            assertThat(mono.block()).isEqualTo("ran");
            assertThat(flux.collectList().block()).isEmpty();
            assertThat(flux.collectList().block()).containsExactly("a", "b");
            assertThat(StoredCounters.of(context, "mono", "flux")).isEqualTo(Map.of("mono", 2L, "flux", 2L));
            assertThat(reports.optional()).isEmpty();
            assertThat(reports.optional()).contains("ran");
        });
    }

    @Test
    void asyncMethodsAreCountedOnTheAsyncThread() {
        runner.withUserConfiguration(AsyncConfiguration.class).withBean("threads", Threads.class)
                .withBean(AsyncWork.class).run(context -> {
                    AsyncWork work = context.getBean(AsyncWork.class);
                    assertThat(work.work()).succeedsWithin(10, TimeUnit.SECONDS).asString().startsWith("async-");
                    assertThat(work.work()).succeedsWithin(10, TimeUnit.SECONDS).asString().startsWith("async-");
                    assertThat(context.getBean(Threads.class).names).hasSize(2)
                            .allSatisfy(name -> assertThat(name).startsWith("async-"));
                    assertThat(StoredCounters.of(context, "async-work")).isEqualTo(Map.of("async-work", 2L));
                });
    }
}
