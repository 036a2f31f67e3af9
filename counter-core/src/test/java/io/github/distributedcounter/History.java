package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The history of a run's calls on one counter — increments, puts and deletes — from any number of threads and JVM
 * processes, and a check that it is linearizable: that there is one serial order of the calls that respects real
 * time (a call that returned before another started comes first), in which every acknowledged call returns exactly
 * what it returned, and which ends in the stored state (a value, or no counter). Calls that failed with
 * {@link OutcomeUnknownException} (and puts and deletes that failed in any way) may or may not be in that order,
 * anywhere after they started; an increment without initial value that failed with
 * {@link CounterNotFoundException} is in it, at a point where there was no counter; every other failed increment
 * must have written nothing.
 * <p>
 * Times are {@link System#nanoTime()}, which on Linux is the host's monotonic clock, shared by the JVM processes of
 * one machine; a worker process sends its calls as {@link Call#line()} lines and the test adds them with
 * {@link #add(Call)}.
 */
public final class History {

    /** What a call asked of the counter. */
    public enum Operation {
        /** {@code increment(key, amount)}: where there is no counter it finds none and writes nothing. */
        INCREMENT,
        /** {@code increment(key, amount, initialValue)}: where there is no counter it starts at the initial value. */
        INCREMENT_OR_START,
        /** {@code put(key, value)}, the value being the call's argument. */
        PUT,
        /** {@code delete(key)}; its value is 1 where it returned {@code true}, 0 where {@code false}. */
        DELETE
    }

    /** What a call's caller learnt. */
    public enum Outcome {
        /** It returned its value. */
        ACKNOWLEDGED,
        /** An increment without initial value failed with {@link CounterNotFoundException}: nothing was written. */
        NOT_FOUND,
        /** It failed with {@link OutcomeUnknownException}, or it was a put or delete that failed: applied or not. */
        UNKNOWN,
        /** It failed with any other exception: nothing was written. */
        FAILED
    }

    /**
     * One call: when it started and ended, what it asked ({@code argument} is an increment's amount or the value
     * put), and what its caller got ({@code value} if acknowledged).
     */
    public record Call(long start, long end, Operation operation, long argument, long initialValue, Outcome outcome,
            long value) {

        /** An increment of {@code amount} without initial value. */
        public Call(long start, long end, long amount, Outcome outcome, long value) {
            this(start, end, Operation.INCREMENT, amount, 0, outcome, value);
        }

        /** The call as one line of text, for a worker process to print. */
        public String line() {
            return start + " " + end + " " + operation + " " + argument + " " + initialValue + " " + outcome + " "
                    + value;
        }

        public static Call parse(String line) {
            String[] fields = line.trim().split(" ");
            return new Call(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Operation.valueOf(fields[2]),
                    Long.parseLong(fields[3]), Long.parseLong(fields[4]), Outcome.valueOf(fields[5]),
                    Long.parseLong(fields[6]));
        }

        static Outcome outcomeOf(Operation operation, Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof OutcomeUnknownException || operation == Operation.PUT
                    || operation == Operation.DELETE) {
                return Outcome.UNKNOWN;
            }
            return cause instanceof CounterNotFoundException && operation == Operation.INCREMENT
                    ? Outcome.NOT_FOUND : Outcome.FAILED;
        }

        boolean isIncrement() {
            return operation == Operation.INCREMENT || operation == Operation.INCREMENT_OR_START;
        }

        @Override
        public String toString() {
            String asked = switch (operation) {
                case INCREMENT -> (argument >= 0 ? "+" : "") + argument;
                case INCREMENT_OR_START -> (argument >= 0 ? "+" : "") + argument + " (from " + initialValue
                        + " if absent)";
                case PUT -> "put " + argument;
                case DELETE -> "delete";
            };
            String result = switch (outcome) {
                case ACKNOWLEDGED -> switch (operation) {
                    case PUT -> "done";
                    case DELETE -> "returned " + (value == 1);
                    default -> "returned " + value;
                };
                case NOT_FOUND -> "found no counter";
                case UNKNOWN -> "outcome unknown";
                case FAILED -> "failed";
            };
            return asked + " " + result;
        }
    }

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    /** Runs one increment of {@code amount} without initial value, records it, and returns its value or rethrows. */
    public long increment(long amount, LongSupplier call) {
        return record(Operation.INCREMENT, amount, 0, call);
    }

    /** Runs one increment of {@code amount} that starts at {@code initialValue} where there is no counter. */
    public long increment(long amount, long initialValue, LongSupplier call) {
        return record(Operation.INCREMENT_OR_START, amount, initialValue, call);
    }

    /** Runs one {@code put} of {@code value}, records it, and rethrows its exception. */
    public void put(long value, Runnable call) {
        record(Operation.PUT, value, 0, () -> {
            call.run();
            return 0;
        });
    }

    /** Runs one {@code delete}, records it, and returns what it returned or rethrows its exception. */
    public boolean delete(BooleanSupplier call) {
        return record(Operation.DELETE, 0, 0, () -> call.getAsBoolean() ? 1 : 0) == 1;
    }

    private long record(Operation operation, long argument, long initialValue, LongSupplier call) {
        long start = System.nanoTime();
        try {
            long value = call.getAsLong();
            calls.add(new Call(start, System.nanoTime(), operation, argument, initialValue, Outcome.ACKNOWLEDGED,
                    value));
            return value;
        } catch (RuntimeException | Error e) {
            calls.add(new Call(start, System.nanoTime(), operation, argument, initialValue,
                    Call.outcomeOf(operation, e), 0));
            throw e;
        }
    }

    /**
     * Starts one asynchronous increment of {@code amount} without initial value; returns a future that completes
     * as the call's does, once the call is recorded.
     */
    public CompletableFuture<Long> incrementAsync(long amount, Supplier<CompletableFuture<Long>> call) {
        long start = System.nanoTime();
        return call.get().whenComplete((value, failure) -> calls.add(failure == null
                ? new Call(start, System.nanoTime(), amount, Outcome.ACKNOWLEDGED, value)
                : new Call(start, System.nanoTime(), Operation.INCREMENT, amount, 0,
                        Call.outcomeOf(Operation.INCREMENT, failure), 0)));
    }

    public void add(Call call) {
        calls.add(call);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public long count(Outcome outcome) {
        return calls.stream().filter(c -> c.outcome() == outcome).count();
    }

    /** Asserts that the calls recorded are linearizable from {@code start} to {@code end}; see {@link #violation}. */
    public void assertLinearizable(long start, long end) {
        assertLinearizable(OptionalLong.of(start), OptionalLong.of(end));
    }

    /** The same, where the counter may be absent (empty) before or after. */
    public void assertLinearizable(OptionalLong start, OptionalLong end) {
        assertThat(violation(start, end, calls())).as("linearizability of %d calls", calls.size()).isEmpty();
    }

    /**
     * Why no serial order of {@code calls} takes the counter from {@code start} to {@code end} as they say, or
     * empty if one does.
     */
    public static Optional<String> violation(long start, long end, Collection<Call> calls) {
        return violation(OptionalLong.of(start), OptionalLong.of(end), calls);
    }

    /** The same, where the counter may be absent (empty) before or after. */
    public static Optional<String> violation(OptionalLong start, OptionalLong end, Collection<Call> calls) {
        boolean onlyIncrements = calls.stream().allMatch(Call::isIncrement);
        if (onlyIncrements && start.isPresent() && end.isPresent()) {
            Optional<String> unexplained = unexplainedTotal(start.getAsLong(), end.getAsLong(), calls);
            if (unexplained.isPresent()) {
                return unexplained;
            }
        }
        return new Search(start, end, onlyIncrements ? "increments" : "calls", calls).run();
    }

    /** Where the counter only counts: whether the final value is the start plus what was acknowledged and some of the rest. */
    private static Optional<String> unexplainedTotal(long start, long end, Collection<Call> calls) {
        List<Call> acknowledged = calls.stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED).toList();
        List<Call> unknown = calls.stream().filter(c -> c.outcome() == Outcome.UNKNOWN).toList();
        long acknowledgedSum = acknowledged.stream().mapToLong(Call::argument).sum();
        long unexplained = end - start - acknowledgedSum;
        long least = unknown.stream().mapToLong(Call::argument).filter(a -> a < 0).sum();
        long most = unknown.stream().mapToLong(Call::argument).filter(a -> a > 0).sum();
        if (unexplained < least || unexplained > most) {
            return Optional.of("final value " + end + " is not the start value " + start + " plus the "
                    + acknowledged.size() + " acknowledged increments (sum " + acknowledgedSum + ") plus some of the "
                    + unknown.size() + " of unknown outcome (between " + least + " and " + most + "): "
                    + unexplained + " unexplained");
        }
        return Optional.empty();
    }

    /**
     * Depth-first search for a serial order, as in Wing and Gong's linearizability checker: the next call in the
     * order may be any pending call that started before every pending answered call (acknowledged, or finding no
     * counter) ended; an answered call must return what the counter's state then gives. Calls of unknown outcome
     * never end, and of those that ask the same only the earliest started is tried (they are interchangeable). States already found to be dead ends are
     * remembered by the set of calls placed and the counter's state. The search gives up, as a violation, after
     * {@value #STEP_LIMIT} steps.
     */
    private static final class Search {

        private static final long STEP_LIMIT = 5_000_000;
        private static final long ABSENT = 0x5bd1e9955bd1e995L;

        private final OptionalLong start;
        private final OptionalLong end;
        private final String noun;
        private final Call[] calls;
        private final long[] hashes;
        private final BitSet unplaced;
        private final TreeMap<Long, Integer> pendingEnds = new TreeMap<>();
        private final Set<Long> deadEnds = new HashSet<>();
        private final int answeredTotal;
        private int answeredLeft;
        private boolean present;
        private long value;
        private long placedHash;
        private int mostPlaced = -1;
        private String stateAtMost;
        private List<Call> nextAtMost = List.of();

        Search(OptionalLong start, OptionalLong end, String noun, Collection<Call> history) {
            this.start = start;
            this.end = end;
            this.noun = noun;
            List<Call> all = new ArrayList<>(history.stream().filter(c -> c.outcome() != Outcome.FAILED).toList());
            all.sort(Comparator.comparingLong(Call::start));
            this.calls = all.toArray(Call[]::new);
            this.hashes = new SplittableRandom(calls.length).longs(calls.length).toArray();
            this.unplaced = new BitSet(calls.length);
            unplaced.set(0, calls.length);
            for (Call call : calls) {
                if (answered(call)) {
                    pendingEnds.merge(call.end(), 1, Integer::sum);
                }
            }
            this.answeredTotal = pendingEnds.values().stream().mapToInt(Integer::intValue).sum();
            this.answeredLeft = answeredTotal;
            this.present = start.isPresent();
            this.value = start.orElse(0);
        }

        private static boolean answered(Call call) {
            return call.outcome() != Outcome.UNKNOWN;
        }

        Optional<String> run() {
            Deque<int[]> stack = new ArrayDeque<>();
            stack.push(candidates());
            Deque<long[]> placed = new ArrayDeque<>();
            for (long step = 0; step < STEP_LIMIT; step++) {
                if (answeredLeft == 0 && present == end.isPresent() && value == end.orElse(0)) {
                    return Optional.empty();
                }
                int[] frame = stack.peek();
                int next = frame[0] < frame.length - 1 ? frame[++frame[0]] : -1;
                if (next >= 0) {
                    long[] undo = place(next);
                    if (deadEnds.contains(stateHash())) {
                        unplace(undo);
                        continue;
                    }
                    placed.push(undo);
                    stack.push(candidates());
                    continue;
                }
                deadEnds.add(stateHash());
                stack.pop();
                if (placed.isEmpty()) {
                    return Optional.of(describeFailure());
                }
                unplace(placed.pop());
            }
            return Optional.of("no serial order of the " + answeredTotal + " answered " + noun
                    + " found in " + STEP_LIMIT + " steps: the history is too large or too concurrent to check");
        }

        /** The calls that may go next, as {@code [cursor, call...]}; records the deepest point reached. */
        private int[] candidates() {
            long bound = pendingEnds.isEmpty() ? Long.MAX_VALUE : pendingEnds.firstKey();
            List<Integer> fitting = new ArrayList<>();
            List<Call> possible = new ArrayList<>();
            Set<List<Object>> unknownAsksTried = new HashSet<>();
            for (int i = unplaced.nextSetBit(0); i >= 0 && calls[i].start() <= bound; i = unplaced.nextSetBit(i + 1)) {
                Call call = calls[i];
                if (answered(call)) {
                    possible.add(call);
                    if (fits(call)) {
                        fitting.add(i);
                    }
                } else if (changesState(call) && unknownAsksTried.add(
                        List.of(call.operation(), call.argument(), call.initialValue()))) {
                    possible.add(call);
                    fitting.add(i);
                }
            }
            int placedCount = answeredTotal - answeredLeft;
            if (placedCount > mostPlaced) {
                mostPlaced = placedCount;
                stateAtMost = state(present, value);
                nextAtMost = possible;
            }
            fitting.sort(Comparator.comparing(i -> calls[i].outcome()));
            int[] frame = new int[fitting.size() + 1];
            for (int i = 0; i < fitting.size(); i++) {
                frame[i + 1] = fitting.get(i);
            }
            return frame;
        }

        /** Whether an answered call, placed now, would have answered what it did. */
        private boolean fits(Call call) {
            return switch (call.operation()) {
                case INCREMENT -> call.outcome() == Outcome.NOT_FOUND ? !present
                        : present && value + call.argument() == call.value();
                case INCREMENT_OR_START -> (present ? value : call.initialValue()) + call.argument() == call.value();
                case PUT -> true;
                case DELETE -> (call.value() == 1) == present;
            };
        }

        private boolean changesState(Call call) {
            return present || call.operation() != Operation.INCREMENT && call.operation() != Operation.DELETE;
        }

        /** Places call {@code i} next; returns what {@link #unplace} needs to take it back. */
        private long[] place(int i) {
            long[] undo = {i, value, present ? 1 : 0};
            Call call = calls[i];
            unplaced.clear(i);
            placedHash ^= hashes[i];
            switch (call.operation()) {
                case INCREMENT -> value += present ? call.argument() : 0;
                case INCREMENT_OR_START -> {
                    value = (present ? value : call.initialValue()) + call.argument();
                    present = true;
                }
                case PUT -> {
                    value = call.argument();
                    present = true;
                }
                case DELETE -> {
                    value = 0;
                    present = false;
                }
            }
            if (answered(call)) {
                answeredLeft--;
                pendingEnds.merge(call.end(), -1, (a, b) -> a + b == 0 ? null : a + b);
            }
            return undo;
        }

        private void unplace(long[] undo) {
            int i = (int) undo[0];
            unplaced.set(i);
            placedHash ^= hashes[i];
            value = undo[1];
            present = undo[2] == 1;
            if (answered(calls[i])) {
                answeredLeft++;
                pendingEnds.merge(calls[i].end(), 1, Integer::sum);
            }
        }

        private long stateHash() {
            if (!present) {
                return placedHash ^ ABSENT;
            }
            long mixed = value * 0x9e3779b97f4a7c15L;
            mixed ^= mixed >>> 32;
            mixed *= 0xbf58476d1ce4e5b9L;
            return placedHash ^ mixed ^ (mixed >>> 29);
        }

        private static String state(boolean present, long value) {
            return present ? Long.toString(value) : "no counter";
        }

        private String describeFailure() {
            return "no serial order of the " + answeredTotal + " answered " + noun + " from "
                    + state(start.isPresent(), start.orElse(0)) + " to " + state(end.isPresent(), end.orElse(0))
                    + " matches their values in real-time order: the longest places " + mostPlaced
                    + " of them and reaches " + stateAtMost + ", where the calls that may go next are " + nextAtMost;
        }
    }
}
