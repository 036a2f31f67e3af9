package io.github.distributedcounter.autoconfigure.aop;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.autoconfigure.aop.Turns.Turn;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link EveryNCalls} methods returning Reactor's {@code Mono} or {@code Flux}, where Reactor is on the classpath:
 * each subscription counts once, without blocking, and runs the body or completes empty. Reactor's classes are
 * only loaded through {@link Reactor}, once a method returning one of them is called.
 */
final class ReactiveReturns {

    private static final boolean REACTOR = ClassUtils.isPresent("reactor.core.publisher.Mono",
            ReactiveReturns.class.getClassLoader());

    private ReactiveReturns() {
    }

    static boolean isMono(Class<?> type) {
        return REACTOR && type.getName().equals("reactor.core.publisher.Mono");
    }

    static boolean isFlux(Class<?> type) {
        return REACTOR && type.getName().equals("reactor.core.publisher.Flux");
    }

    /**
     * A {@code Mono} that counts on subscription and then subscribes to the body's, or completes empty; a claimed
     * run whose body fails is released before the failure is signalled.
     */
    static Object mono(Supplier<CompletableFuture<Turn>> decide, Supplier<Object> body,
            Supplier<CompletableFuture<Void>> release) {
        return Reactor.mono(decide, body, release);
    }

    /** As {@link #mono} for a {@code Flux}. */
    static Object flux(Supplier<CompletableFuture<Turn>> decide, Supplier<Object> body,
            Supplier<CompletableFuture<Void>> release) {
        return Reactor.flux(decide, body, release);
    }

    private static final class Reactor {

        static Mono<?> mono(Supplier<CompletableFuture<Turn>> decide, Supplier<Object> body,
                Supplier<CompletableFuture<Void>> release) {
            return Mono.fromFuture(decide).flatMap(turn -> switch (turn) {
                case SKIP -> Mono.empty();
                case RUN -> orEmpty((Mono<?>) body.get());
                case CLAIMED -> Mono.defer(() -> orEmpty((Mono<?>) body.get()))
                        .onErrorResume(failure -> Mono.fromFuture(release).then(Mono.error(failure)));
            });
        }

        static Flux<?> flux(Supplier<CompletableFuture<Turn>> decide, Supplier<Object> body,
                Supplier<CompletableFuture<Void>> release) {
            return Mono.fromFuture(decide).flatMapMany(turn -> switch (turn) {
                case SKIP -> Flux.empty();
                case RUN -> orEmpty((Flux<?>) body.get());
                case CLAIMED -> Flux.defer(() -> orEmpty((Flux<?>) body.get()))
                        .onErrorResume(failure -> Mono.fromFuture(release).then(Mono.error(failure)));
            });
        }

        private static Mono<?> orEmpty(Mono<?> mono) {
            return mono == null ? Mono.empty() : mono;
        }

        private static Flux<?> orEmpty(Flux<?> flux) {
            return flux == null ? Flux.empty() : flux;
        }
    }
}
