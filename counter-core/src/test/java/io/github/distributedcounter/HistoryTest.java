package io.github.distributedcounter;

import static io.github.distributedcounter.History.Outcome.ACKNOWLEDGED;
import static io.github.distributedcounter.History.Outcome.FAILED;
import static io.github.distributedcounter.History.Outcome.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.distributedcounter.History.Call;
import org.junit.jupiter.api.Test;

/** The linearizability checker itself, on histories written by hand. */
class HistoryTest {

    private static Call call(long start, long end, long amount, long value) {
        return new Call(start, end, amount, ACKNOWLEDGED, value);
    }

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
                + "acknowledged increments from 0 to 3 matches their values in real-time order: the longest places 1 "
                + "of them and reaches 1, where the calls that may go next are [+1 returned 3]");
    }

    @Test
    void valuesThatContradictRealTimeAreReported() {
        List<Call> secondReturnedBeforeFirst = List.of(call(0, 10, 1, 2), call(20, 30, 1, 1));
        assertThat(History.violation(0, 2, secondReturnedBeforeFirst)).hasValue("no serial order of the 2 "
                + "acknowledged increments from 0 to 2 matches their values in real-time order: the longest places 0 "
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
        assertThat(History.violation(0, 3, tooLate)).hasValue("no serial order of the 2 acknowledged increments "
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
    void recordsCallsAndRethrowsTheirFailures() {
        History history = new History();
        assertThat(history.increment(2, () -> 7)).isEqualTo(7);
        assertThatThrownBy(() -> history.increment(1, () -> {
            throw new OutcomeUnknownException("lost", null);
        })).isExactlyInstanceOf(OutcomeUnknownException.class);
        assertThatThrownBy(() -> history.increment(1, () -> {
            throw new CounterNotFoundException("k");
        })).isExactlyInstanceOf(CounterNotFoundException.class);
        assertThat(history.calls()).extracting(Call::amount, Call::outcome, Call::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, ACKNOWLEDGED, 7L),
                        org.assertj.core.groups.Tuple.tuple(1L, UNKNOWN, 0L),
                        org.assertj.core.groups.Tuple.tuple(1L, FAILED, 0L));
        Call first = history.calls().get(0);
        assertThat(Call.parse(first.line())).isEqualTo(first);
    }
}
