package io.github.distributedcounter.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ten-minute validity of a TransactWriteItems client request token, with a clock the test drives: a repeat
 * within ten minutes of the first request's completion writes nothing; from ten minutes on, the same request with
 * the same token is a new request and writes again.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html">
 *     TransactWriteItems: a client request token is valid for 10 minutes after the first request that uses it is
 *     completed</a>
 */
class TransactionTokenTest {

    private static final String TABLE = "tx-token";

    private EngineCalls.MutableClock clock;
    private EngineCalls calls;

    @BeforeEach
    void startEngine() {
        clock = new EngineCalls.MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        calls = new EngineCalls(new Engine(clock));
        calls.createTable(TABLE);
    }

    private void putWithToken(String value) {
        calls.call("TransactWriteItems", """
                {"ClientRequestToken": "token-1", "TransactItems": [
                  {"Put": {"TableName": "%s", "Item": {"pk": {"S": "a"}, "v": {"S": "%s"}}}}]}"""
                .formatted(TABLE, value));
    }

    private void overwrite(String value) {
        calls.call("PutItem", """
                {"TableName": "%s", "Item": {"pk": {"S": "a"}, "v": {"S": "%s"}}}""".formatted(TABLE, value));
    }

    @Test
    void theTokenHoldsForTenMinutesAfterTheRequestCompleted() {
        putWithToken("from-transaction");
        overwrite("from-put");

        clock.advance(Transactions.TOKEN_VALIDITY.minus(Duration.ofSeconds(1)));
        putWithToken("from-transaction");
        assertThat(calls.getItem(TABLE, "a")).isEqualTo(Map.of("pk", Map.of("S", "a"), "v", Map.of("S", "from-put")));

        clock.advance(Duration.ofSeconds(1));
        putWithToken("from-transaction");
        assertThat(calls.getItem(TABLE, "a"))
                .isEqualTo(Map.of("pk", Map.of("S", "a"), "v", Map.of("S", "from-transaction")));
    }
}
