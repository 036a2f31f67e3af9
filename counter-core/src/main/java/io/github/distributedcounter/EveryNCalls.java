package io.github.distributedcounter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Spring bean method: the method body runs on every {@code n}-th call, counted across all instances that
 * share the counter table, and is skipped otherwise. A skipped call returns an empty value of the declared type:
 * an empty {@link java.util.Optional}, a completed future of {@code null}, an empty {@code Mono} or {@code Flux},
 * zero/{@code false} for primitives, otherwise {@code null}.
 * <p>
 * Calls are counted with {@link DistributedCounter#increment(String, long, long)}: the body runs when the new
 * count is a multiple of {@code n}, exactly once per {@code n} calls.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EveryNCalls {

    /** Run on every n-th call; at least 1. */
    long n();

    /**
     * SpEL expression over the method's arguments ({@code #name}, {@code #p0}, {@code #a0}) giving the counter
     * key, e.g. {@code "'report:' + #tenant"}. Default: {@code every-n-calls:} followed by the declaring class,
     * the method and its parameter types, every type by its fully qualified binary name (nested classes with
     * {@code $}), e.g. {@code every-n-calls:com.example.Handlers.handle(com.example.OrderEvents$Created)}.
     */
    String key() default "";

    /**
     * Whether a run whose body throws counts as the run of its n calls. {@code true} (default): it does; the
     * exception reaches the caller and the next run is n calls later. {@code false}: the run is given back and the
     * next call runs it, so that once a call has followed every failed run, the body has returned normally
     * exactly {@code calls / n} times (rounded down); each call then also sends a conditional write to the counter
     * under the key followed by {@code #runs}.
     */
    boolean countFailedRuns() default true;

    /**
     * What a call does when it cannot be counted: the counter failed (DynamoDB unreachable, throttled, the table
     * missing, ...), had no answer in time, or is known to be unavailable since an earlier such call.
     */
    OnCounterFailure onCounterFailure() default OnCounterFailure.PROPAGATE;

    /** What a call does when the counter fails. */
    enum OnCounterFailure {
        /**
         * Throw: the counter's exception, or a {@link DistributedCounterException} where the counter had no answer
         * in time or is known to be unavailable; the method does not run.
         */
        PROPAGATE,
        /** Run the method, as if it were an n-th call. */
        RUN,
        /** Skip the method, as if it were not an n-th call. */
        SKIP
    }
}
