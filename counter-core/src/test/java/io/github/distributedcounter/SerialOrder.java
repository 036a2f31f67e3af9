package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that increments' returned values are what one serial order of all of them would return: each call
 * moved the counter from {@code result - amount} to {@code result}, and those moves must chain from the start
 * value to the final value using every call exactly once (an Euler path in the graph of values).
 */
final class SerialOrder {

    record Call(long amount, long result) {
    }

    private SerialOrder() {
    }

    static void assertSerial(long start, long end, List<Call> calls) {
        Map<Long, Integer> balance = new HashMap<>();
        Map<Long, Set<Long>> neighbours = new HashMap<>();
        for (Call call : calls) {
            long from = call.result() - call.amount();
            balance.merge(from, 1, Integer::sum);
            balance.merge(call.result(), -1, Integer::sum);
            neighbours.computeIfAbsent(from, k -> new HashSet<>()).add(call.result());
            neighbours.computeIfAbsent(call.result(), k -> new HashSet<>()).add(from);
        }
        balance.values().removeIf(b -> b == 0);
        if (start == end || calls.isEmpty()) {
            assertThat(balance).as("every value left as often as reached").isEmpty();
        } else {
            assertThat(balance).as("moves chain from %d to %d", start, end)
                    .isEqualTo(Map.of(start, 1, end, -1));
        }
        if (!calls.isEmpty()) {
            Set<Long> seen = new HashSet<>();
            Deque<Long> todo = new ArrayDeque<>(List.of(start));
            while (!todo.isEmpty()) {
                long value = todo.pop();
                if (seen.add(value)) {
                    todo.addAll(neighbours.getOrDefault(value, Set.of()));
                }
            }
            assertThat(seen).as("every value reachable from the start").containsAll(neighbours.keySet());
        }
    }
}
