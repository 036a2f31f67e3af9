package io.github.distributedcounter;

import static io.github.distributedcounter.History.Outcome.ACKNOWLEDGED;
import static io.github.distributedcounter.History.Outcome.FAILED;
import static io.github.distributedcounter.History.Outcome.NOT_FOUND;
import static io.github.distributedcounter.History.Outcome.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.github.distributedcounter.History.Call;
import io.github.distributedcounter.History.Operation;
import org.junit.jupiter.api.Test;

/** The linearizability checker itself, on histories written by hand. */
class HistoryTest {

    private static Call call(long start, long end, long amount, long value) {
        return new Call(start, end, amount, ACKNOWLEDGED, value);
    }

    private static Call startingAt(long initialValue, long start, long end, long amount, long value) {
        return new Call(start, end, Operation.INCREMENT_OR_START, amount, initialValue, ACKNOWLEDGED, value);
    }

    private static Call put(long start, long end, long value) {
        return new Call(start, end, Operation.PUT, value, 0, ACKNOWLEDGED, 0);
    }

    private static Call delete(long start, long end, boolean returned) {
        return new Call(start, end, Operation.DELETE, 0, 0, ACKNOWLEDGED, returned ? 1 : 0);
    }

    private static final OptionalLong ABSENT = OptionalLong.empty();

    @Test
    void aPlantedDoubleCountIsReported() {
        List<Call> retriedAndAppliedTwice = List.of(call(0, 10, 1, 1), call(20, 30, 1, 3));
        assertThat(History.violation(0, 3, retriedAndAppliedTwice)).hasValue("final value 3 is not the start value 0 "
                + "plus the 2 acknowledged increments (sum 2) plus some of the 0 of unknown outcome (between 0 and 0): "
                + "1 unexplained");
    }

    @Test
    void aDoubleCountHiddenFromTheTotalIsReportedByTheValues() {
        List<Call> oneCountedTwiceAnotherLost = List.of(call(0, 10, 1, 1), call(20, 30, 1, 3), call(40, 50, 1, 3));
        assertThat(History.violation(0, 3, oneCountedTwiceAnotherLost)).hasValue("no serial order of the 3 "
                + "answered increments from 0 to 3 matches their values in real-time order: the longest places 1 "
                + "of them and reaches 1, where the calls that may go next are [+1 returned 3]");
    }

    @Test
    void valuesThatContradictRealTimeAreReported() {
        List<Call> secondReturnedBeforeFirst = List.of(call(0, 10, 1, 2), call(20, 30, 1, 1));
        assertThat(History.violation(0, 2, secondReturnedBeforeFirst)).hasValue("no serial order of the 2 "
                + "answered increments from 0 to 2 matches their values in real-time order: the longest places 0 "
                + "of them and reaches 0, where the calls that may go next are [+1 returned 2]");
    }

    @Test
    void overlappingCallsMayTakeEffectInEitherOrder() {
        assertThat(History.violation(0, 2, List.of(call(0, 30, 1, 2), call(10, 20, 1, 1)))).isEmpty();
        assertThat(History.violation(5, 2, List.of(call(0, 30, -1, 2), call(10, 20, -2, 3)))).isEmpty();
    }

    @Test
    void anUnknownOutcomeMayOrMayNotHaveBeenAppliedAtAnyTimeAfterItStarted() {
        List<Call> calls = List.of(new Call(0, 5, 1, UNKNOWN, 0), call(10, 20, 1, 1), call(30, 40, 1, 3));
        assertThat(History.violation(0, 3, calls)).as("applied after it returned").isEmpty();
        List<Call> notApplied = List.of(new Call(0, 5, 1, UNKNOWN, 0), call(10, 20, 1, 1));
        assertThat(History.violation(0, 1, notApplied)).isEmpty();
        List<Call> tooLate = List.of(call(0, 10, 1, 1), new Call(20, 30, 1, UNKNOWN, 0), call(12, 18, 1, 3));
        assertThat(History.violation(0, 3, tooLate)).hasValue("no serial order of the 2 answered increments "
                + "from 0 to 3 matches their values in real-time order: the longest places 1 of them and reaches 1, "
                + "where the calls that may go next are [+1 returned 3]");
    }

    @Test
    void aFailedCallMustHaveWrittenNothing() {
        List<Call> calls = List.of(new Call(0, 5, 1, FAILED, 0), call(10, 20, 1, 1));
        assertThat(History.violation(0, 1, calls)).isEmpty();
        assertThat(History.violation(0, 2, calls)).hasValue("final value 2 is not the start value 0 plus the 1 "
                + "acknowledged increments (sum 1) plus some of the 0 of unknown outcome (between 0 and 0): "
                + "1 unexplained");
    }

    @Test
    void longHistoriesOfManyInterleavedCallersAreCheckedWhole() {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long start = i * 10L;
            calls.add(call(start, start + 150, 1, i + 1));
        }
        for (int u = 0; u < 50; u++) {
            calls.add(new Call(u * 3_000L, u * 3_000L + 5, 1, UNKNOWN, 0));
        }
        assertThat(History.violation(0, 20_000, calls)).isEmpty();
        List<Call> withAGap = new ArrayList<>(calls.subList(1, calls.size()));
        assertThat(History.violation(0, 20_000, withAGap)).isEmpty();
        assertThat(History.violation(0, 20_000, calls.subList(1, 20_000))).isEqualTo(Optional.of("final value "
                + "20000 is not the start value 0 plus the 19999 acknowledged increments (sum 19999) plus some of the "
                + "0 of unknown outcome (between 0 and 0): 1 unexplained"));
    }

    @Test
    void anIncrementCountedTwiceAcrossADeleteIsReported() {
        // A is applied (101) and its response lost; C gets 102; B deletes; A's retry is applied again: A gets 1
        List<Call> appliedAgainAfterTheDelete = List.of(startingAt(0, 0, 100, 1, 1), call(10, 20, 1, 102),
                delete(30, 40, true));
        assertThat(History.violation(OptionalLong.of(100), OptionalLong.of(1), appliedAgainAfterTheDelete))
                .hasValue("no serial order of the 3 answered calls from 100 to 1 matches their values in "
                        + "real-time order: the longest places 0 of them and reaches 100, where the calls that may "
                        + "go next are [+1 (from 0 if absent) returned 1, +1 returned 102]");
        List<Call> recognisedAfterTheDelete = List.of(startingAt(0, 0, 100, 1, 101), call(10, 20, 1, 102),
                delete(30, 40, true));
        assertThat(History.violation(OptionalLong.of(100), ABSENT, recognisedAfterTheDelete)).isEmpty();
    }

    @Test
    void anAppliedIncrementReportedAsFindingNoCounterIsReported() {
        List<Call> calls = List.of(new Call(0, 100, Operation.INCREMENT, 1, 0, NOT_FOUND, 0), call(10, 20, 1, 102),
                delete(30, 40, true));
        assertThat(History.violation(OptionalLong.of(100), ABSENT, calls)).hasValue("no serial order of the 3 "
                + "answered calls from 100 to no counter matches their values in real-time order: the longest "
                + "places 0 of them and reaches 100, where the calls that may go next are [+1 found no counter, "
                + "+1 returned 102]");
        List<Call> notFoundAfterTheDelete = List.of(new Call(30, 100, Operation.INCREMENT, 1, 0, NOT_FOUND, 0),
                call(10, 20, 1, 101), delete(30, 40, true));
        assertThat(History.violation(OptionalLong.of(100), ABSENT, notFoundAfterTheDelete)).isEmpty();
    }

    @Test
    void anIncrementAfterADeleteInRealTimeFindsNoCounter() {
        List<Call> countedOnADeletedCounter = List.of(delete(0, 10, true), call(20, 30, 1, 101));
        assertThat(History.violation(OptionalLong.of(100), OptionalLong.of(101), countedOnADeletedCounter))
                .hasValue("no serial order of the 2 answered calls from 100 to 101 matches their values in "
                        + "real-time order: the longest places 1 of them and reaches no counter, where the calls "
                        + "that may go next are [+1 returned 101]");
        List<Call> startedAgain = List.of(delete(0, 10, true), startingAt(7, 20, 30, 1, 8), delete(40, 50, true),
                delete(60, 70, false), new Call(80, 90, Operation.INCREMENT, 1, 0, NOT_FOUND, 0));
        assertThat(History.violation(OptionalLong.of(100), ABSENT, startedAgain)).isEmpty();
        assertThat(History.violation(OptionalLong.of(100), OptionalLong.of(8), startedAgain)).hasValue("no serial "
                + "order of the 5 answered calls from 100 to 8 matches their values in real-time order: the "
                + "longest places 5 of them and reaches no counter, where the calls that may go next are []");
    }

    @Test
    void aPutSetsTheValueTheNextIncrementsCountFrom() {
        List<Call> calls = List.of(call(0, 10, 1, 101), put(20, 30, 5), call(25, 50, 1, 6), call(40, 45, 2, 8));
        assertThat(History.violation(OptionalLong.of(100), OptionalLong.of(8), calls)).isEmpty();
        List<Call> retriedAfterThePutAndAppliedAgain = List.of(call(0, 100, 1, 101), put(20, 30, 5));
        assertThat(History.violation(OptionalLong.of(100), OptionalLong.of(6), retriedAfterThePutAndAppliedAgain))
                .hasValue("no serial order of the 2 answered calls from 100 to 6 matches their values in "
                        + "real-time order: the longest places 2 of them and reaches 5, where the calls that may go "
                        + "next are []");
        assertThat(History.violation(OptionalLong.of(100), OptionalLong.of(5), retriedAfterThePutAndAppliedAgain))
                .isEmpty();
    }

    @Test
    void aPutOrDeleteOfUnknownOutcomeMayOrMayNotHaveBeenApplied() {
        List<Call> calls = List.of(new Call(0, 10, Operation.DELETE, 0, 0, UNKNOWN, 0),
                new Call(20, 30, Operation.PUT, 9, 0, UNKNOWN, 0), startingAt(0, 40, 50, 1, 1));
        assertThat(History.violation(OptionalLong.of(100), OptionalLong.of(1), calls)).as("deleted").isEmpty();
        assertThat(History.violation(OptionalLong.of(100), OptionalLong.of(9), calls)).as("deleted, then put")
                .isEmpty();
        assertThat(History.violation(OptionalLong.of(100), ABSENT, calls)).hasValue("no serial order of the 1 "
                + "answered calls from 100 to no counter matches their values in real-time order: the longest "
                + "places 1 of them and reaches 1, where the calls that may go next are [put 9 outcome unknown]");
    }

    @Test
    void aHistoryOfDeletesAndPutsAmongManyIncrementsIsCheckedWhole() {
        List<Call> calls = new ArrayList<>();
        long value = 0;
        for (int i = 0; i < 3_000; i++) {
            long start = i * 10L;
            if (i % 100 == 50) {
                calls.add(delete(start, start + 150, true));
                value = -1;
            } else if (i % 100 == 99) {
                calls.add(put(start, start + 150, 1000));
                value = 1000;
            } else {
                value = value < 0 ? 1 : value + 1;
                calls.add(startingAt(0, start, start + 150, 1, value));
            }
        }
        assertThat(History.violation(OptionalLong.of(0), OptionalLong.of(value), calls)).isEmpty();
    }

    @Test
    void recordsCallsAndRethrowsTheirFailures() {
        History history = new History();
        assertThat(history.increment(2, () -> 7)).isEqualTo(7);
        assertThatThrownBy(() -> history.increment(1, () -> {
            throw new OutcomeUnknownException("lost", null);
        })).isExactlyInstanceOf(OutcomeUnknownException.class);
        assertThatThrownBy(() -> history.increment(1, () -> {
            throw new CounterNotFoundException("k");
        })).isExactlyInstanceOf(CounterNotFoundException.class);
        assertThatThrownBy(() -> history.increment(1, 5, () -> {
            throw new IncrementNotSentException("not sent", null);
        })).isExactlyInstanceOf(IncrementNotSentException.class);
        assertThat(history.delete(() -> true)).isTrue();
        assertThatThrownBy(() -> history.put(4, () -> {
            throw new DistributedCounterException("timed out");
        })).isExactlyInstanceOf(DistributedCounterException.class);
        assertThat(history.calls()).extracting(Call::operation, Call::argument, Call::initialValue, Call::outcome,
                Call::value).containsExactly(tuple(Operation.INCREMENT, 2L, 0L, ACKNOWLEDGED, 7L),
                        tuple(Operation.INCREMENT, 1L, 0L, UNKNOWN, 0L),
                        tuple(Operation.INCREMENT, 1L, 0L, NOT_FOUND, 0L),
                        tuple(Operation.INCREMENT_OR_START, 1L, 5L, FAILED, 0L),
                        tuple(Operation.DELETE, 0L, 0L, ACKNOWLEDGED, 1L),
                        tuple(Operation.PUT, 4L, 0L, UNKNOWN, 0L));
        assertThat(history.calls()).allSatisfy(call -> assertThat(Call.parse(call.line())).isEqualTo(call));
    }
}
