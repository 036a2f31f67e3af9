package io.github.distributedcounter.autoconfigure.aop;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.github.distributedcounter.EveryNCalls;
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

    /** A {@code Mono} that counts on subscription and then subscribes to the body's, or completes empty. */
    static Object mono(Supplier<CompletableFuture<Boolean>> shouldRun, Supplier<Object> body) {
        return Reactor.mono(shouldRun, body);
    }

    /** A {@code Flux} that counts on subscription and then subscribes to the body's, or completes empty. */
    static Object flux(Supplier<CompletableFuture<Boolean>> shouldRun, Supplier<Object> body) {
        return Reactor.flux(shouldRun, body);
    }

    private static final class Reactor {

        static Mono<?> mono(Supplier<CompletableFuture<Boolean>> shouldRun, Supplier<Object> body) {
            return Mono.fromFuture(shouldRun).flatMap(run -> run ? orEmpty((Mono<?>) body.get()) : Mono.empty());
        }

        static Flux<?> flux(Supplier<CompletableFuture<Boolean>> shouldRun, Supplier<Object> body) {
            return Mono.fromFuture(shouldRun)
                    .flatMapMany(run -> run ? orEmpty((Flux<?>) body.get()) : Flux.empty());
        }

        private static Mono<?> orEmpty(Mono<?> mono) {
            return mono == null ? Mono.empty() : mono;
        }

        private static Flux<?> orEmpty(Flux<?> flux) {
            return flux == null ? Flux.empty() : flux;
        }
    }
}
