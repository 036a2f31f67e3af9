package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The history of a run's increments of one counter, from any number of threads and JVM processes, and a check
 * that it is linearizable: that there is one serial order of the calls that respects real time (a call that
 * returned before another started comes first), in which every acknowledged increment returns exactly the value
 * it returned, and which ends at the stored value. Increments that failed with {@link OutcomeUnknownException}
 * may or may not be in that order, anywhere after they started; every other failure must have written nothing.
 * <p>
 * Times are {@link System#nanoTime()}, which on Linux is the host's monotonic clock, shared by the JVM processes of
 * one machine; a worker process sends its calls as {@link Call#line()} lines and the test adds them with
 * {@link #add(Call)}.
 */
public final class History {

    /** What a call's caller learnt. */
    public enum Outcome {
        /** It returned its value. */
        ACKNOWLEDGED,
        /** It failed with {@link OutcomeUnknownException}: applied or not. */
        UNKNOWN,
        /** It failed with any other exception: nothing was written. */
        FAILED
    }

    /** One call: when it started and ended, its amount, and what its caller got ({@code value} if acknowledged). */
    public record Call(long start, long end, long amount, Outcome outcome, long value) {

        /** The call as one line of text, for a worker process to print. */
        public String line() {
            return start + " " + end + " " + amount + " " + outcome + " " + value;
        }

        public static Call parse(String line) {
            String[] fields = line.trim().split(" ");
            return new Call(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                    Outcome.valueOf(fields[3]), Long.parseLong(fields[4]));
        }

        static Outcome outcomeOf(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return cause instanceof OutcomeUnknownException ? Outcome.UNKNOWN : Outcome.FAILED;
        }

        @Override
        public String toString() {
            String result = switch (outcome) {
                case ACKNOWLEDGED -> "returned " + value;
                case UNKNOWN -> "outcome unknown";
                case FAILED -> "failed";
            };
            return (amount >= 0 ? "+" : "") + amount + " " + result;
        }
    }

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    /** Runs one increment of {@code amount}, records it, and returns its value or rethrows its exception. */
    public long increment(long amount, LongSupplier call) {
        long start = System.nanoTime();
        try {
            long value = call.getAsLong();
            calls.add(new Call(start, System.nanoTime(), amount, Outcome.ACKNOWLEDGED, value));
            return value;
        } catch (RuntimeException | Error e) {
            calls.add(new Call(start, System.nanoTime(), amount, Call.outcomeOf(e), 0));
            throw e;
        }
    }

    /**
     * Starts one asynchronous increment of {@code amount}; returns a future that completes as the call's does, once
     * the call is recorded.
     */
    public CompletableFuture<Long> incrementAsync(long amount, Supplier<CompletableFuture<Long>> call) {
        long start = System.nanoTime();
        return call.get().whenComplete((value, failure) -> calls.add(failure == null
                ? new Call(start, System.nanoTime(), amount, Outcome.ACKNOWLEDGED, value)
                : new Call(start, System.nanoTime(), amount, Call.outcomeOf(failure), 0)));
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
        assertThat(violation(start, end, calls())).as("linearizability of %d increments", calls.size()).isEmpty();
    }

    /**
     * Why no serial order of {@code calls} takes the counter from {@code start} to {@code end} as they say, or
     * empty if one does.
     */
    public static Optional<String> violation(long start, long end, Collection<Call> calls) {
        List<Call> acknowledged = calls.stream().filter(c -> c.outcome() == Outcome.ACKNOWLEDGED).toList();
        List<Call> unknown = calls.stream().filter(c -> c.outcome() == Outcome.UNKNOWN).toList();
        long acknowledgedSum = acknowledged.stream().mapToLong(Call::amount).sum();
        long unexplained = end - start - acknowledgedSum;
        long least = unknown.stream().mapToLong(Call::amount).filter(a -> a < 0).sum();
        long most = unknown.stream().mapToLong(Call::amount).filter(a -> a > 0).sum();
        if (unexplained < least || unexplained > most) {
            return Optional.of("final value " + end + " is not the start value " + start + " plus the "
                    + acknowledged.size() + " acknowledged increments (sum " + acknowledgedSum + ") plus some of the "
                    + unknown.size() + " of unknown outcome (between " + least + " and " + most + "): "
                    + unexplained + " unexplained");
        }
        return new Search(start, end, acknowledged, unknown).run();
    }

    /**
     * Depth-first search for a serial order, as in Wing and Gong's linearizability checker: the next call in the
     * order may be any pending call that started before every pending acknowledged call ended; an acknowledged
     * call must return the running value plus its amount. Calls of unknown outcome never end, and of those with
     * the same amount only the earliest started is tried (they are interchangeable). Orders already found to be
     * dead ends are remembered by the set of calls they placed.
     */
    private static final class Search {

        private final long start;
        private final long end;
        private final Call[] calls;
        private final long[] hashes;
        private final BitSet unplaced;
        private final TreeMap<Long, Integer> pendingEnds = new TreeMap<>();
        private final Set<Long> deadEnds = new HashSet<>();
        private final int acknowledgedTotal;
        private int acknowledgedLeft;
        private long value;
        private long hash;
        private int mostPlaced = -1;
        private long valueAtMost;
        private List<Call> nextAtMost = List.of();

        Search(long start, long end, List<Call> acknowledged, List<Call> unknown) {
            this.start = start;
            this.end = end;
            List<Call> all = new ArrayList<>(acknowledged);
            all.addAll(unknown);
            all.sort(Comparator.comparingLong(Call::start));
            this.calls = all.toArray(Call[]::new);
            this.hashes = new SplittableRandom(calls.length).longs(calls.length).toArray();
            this.unplaced = new BitSet(calls.length);
            unplaced.set(0, calls.length);
            for (Call call : acknowledged) {
                pendingEnds.merge(call.end(), 1, Integer::sum);
            }
            this.acknowledgedTotal = acknowledged.size();
            this.acknowledgedLeft = acknowledgedTotal;
            this.value = start;
        }

        Optional<String> run() {
            Deque<int[]> stack = new ArrayDeque<>();
            stack.push(candidates());
            Deque<Integer> chosen = new ArrayDeque<>();
            while (true) {
                if (acknowledgedLeft == 0 && value == end) {
                    return Optional.empty();
                }
                int[] frame = stack.peek();
                int next = frame[0] < frame.length - 1 ? frame[++frame[0]] : -1;
                if (next >= 0) {
                    place(next);
                    if (deadEnds.contains(hash)) {
                        unplace(next);
                        continue;
                    }
                    chosen.push(next);
                    stack.push(candidates());
                    continue;
                }
                deadEnds.add(hash);
                stack.pop();
                if (chosen.isEmpty()) {
                    return Optional.of(describeFailure());
                }
                unplace(chosen.pop());
            }
        }

        /** The calls that may go next, as {@code [cursor, call...]}; records the deepest point reached. */
        private int[] candidates() {
            long bound = pendingEnds.isEmpty() ? Long.MAX_VALUE : pendingEnds.firstKey();
            List<Integer> fitting = new ArrayList<>();
            List<Call> possible = new ArrayList<>();
            Map<Long, Boolean> unknownAmountsTried = new HashMap<>();
            for (int i = unplaced.nextSetBit(0); i >= 0 && calls[i].start() <= bound; i = unplaced.nextSetBit(i + 1)) {
                Call call = calls[i];
                if (call.outcome() == Outcome.ACKNOWLEDGED) {
                    possible.add(call);
                    if (value + call.amount() == call.value()) {
                        fitting.add(i);
                    }
                } else if (unknownAmountsTried.putIfAbsent(call.amount(), true) == null) {
                    possible.add(call);
                    fitting.add(i);
                }
            }
            int placedCount = acknowledgedTotal - acknowledgedLeft;
            if (placedCount > mostPlaced) {
                mostPlaced = placedCount;
                valueAtMost = value;
                nextAtMost = possible;
            }
            fitting.sort(Comparator.comparing(i -> calls[i].outcome()));
            int[] frame = new int[fitting.size() + 1];
            for (int i = 0; i < fitting.size(); i++) {
                frame[i + 1] = fitting.get(i);
            }
            return frame;
        }

        private void place(int i) {
            unplaced.clear(i);
            hash ^= hashes[i];
            value += calls[i].amount();
            if (calls[i].outcome() == Outcome.ACKNOWLEDGED) {
                acknowledgedLeft--;
                pendingEnds.merge(calls[i].end(), -1, (a, b) -> a + b == 0 ? null : a + b);
            }
        }

        private void unplace(int i) {
            unplaced.set(i);
            hash ^= hashes[i];
            value -= calls[i].amount();
            if (calls[i].outcome() == Outcome.ACKNOWLEDGED) {
                acknowledgedLeft++;
                pendingEnds.merge(calls[i].end(), 1, Integer::sum);
            }
        }

        private String describeFailure() {
            return "no serial order of the " + acknowledgedTotal + " acknowledged increments from " + start + " to "
                    + end + " matches their values in real-time order: the longest places " + mostPlaced
                    + " of them and reaches " + valueAtMost + ", where the calls that may go next are " + nextAtMost;
        }
    }
}
