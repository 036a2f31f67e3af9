package io.github.distributedcounter.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deletion of expired items, with a clock the test drives and the sweep run by hand: an item whose TTL
 * attribute is a Number of epoch seconds before now is deleted; until then it still reads; one exactly at now,
 * one in the future, one more than five years in the past, and one whose TTL attribute is not a Number stay; and
 * nothing is deleted while TTL is still ENABLING.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html">
 *     UpdateTimeToLive: expired when the epoch time in the attribute is less than the current time; expired items
 *     not yet deleted still show up in reads</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html">Using time to live
 *     (TTL) in DynamoDB: a TTL attribute that is not a Number is ignored</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html">
 *     Computing time to live: the TTL can't be more than five years in the past</a>
 */
class TimeToLiveSweepTest {

    private static final String TABLE = "tx-ttl-sweep";
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private EngineCalls.MutableClock clock;
    private Engine engine;
    private EngineCalls calls;

    @BeforeEach
    void startEngine() {
        clock = new EngineCalls.MutableClock(START);
        engine = new Engine(clock);
        calls = new EngineCalls(engine);
        calls.createTable(TABLE);
    }

    private void put(String pk, String ttlJson) {
        calls.call("PutItem", """
                {"TableName": "%s", "Item": {"pk": {"S": "%s"}, "expiresAt": %s}}""".formatted(TABLE, pk, ttlJson));
    }

    private static String number(long value) {
        return "{\"N\": \"" + value + "\"}";
    }

    private void enable() {
        calls.call("UpdateTimeToLive", """
                {"TableName": "%s", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expiresAt"}}"""
                .formatted(TABLE));
    }

    private void disable() {
        calls.call("UpdateTimeToLive", """
                {"TableName": "%s", "TimeToLiveSpecification": {"Enabled": false, "AttributeName": "expiresAt"}}"""
                .formatted(TABLE));
    }

    private String status() {
        @SuppressWarnings("unchecked")
        Map<String, Object> description = (Map<String, Object>) calls.call("DescribeTimeToLive",
                "{\"TableName\": \"" + TABLE + "\"}").get("TimeToLiveDescription");
        return (String) description.get("TimeToLiveStatus");
    }

    @Test
    void anExpiredItemReadsUntilTheSweepDeletesIt() {
        enable();
        clock.advance(TimeToLive.TRANSITION);
        long now = clock.instant().getEpochSecond();
        put("soon", number(now + 10));

        clock.advance(Duration.ofSeconds(11));
        assertThat(calls.getItem(TABLE, "soon")).isNotNull();

        assertThat(engine.sweepExpiredItems()).isEqualTo(1);
        assertThat(calls.getItem(TABLE, "soon")).isNull();
    }

    @Test
    void onlyNumbersBeforeNowAndNotMoreThanFiveYearsAgoExpire() {
        enable();
        clock.advance(TimeToLive.TRANSITION);
        long now = clock.instant().getEpochSecond();
        long fiveYearsAgo = clock.instant().atOffset(ZoneOffset.UTC).minusYears(5).toEpochSecond();
        put("past", number(now - 1));
        put("fraction", "{\"N\": \"" + (now - 1) + ".5\"}");
        put("now", number(now));
        put("future", number(now + 1));
        put("five-years", number(fiveYearsAgo));
        put("over-five-years", number(fiveYearsAgo - 1));
        put("negative", number(-1));
        put("string", "{\"S\": \"" + (now - 1) + "\"}");
        put("number-set", "{\"NS\": [\"" + (now - 1) + "\"]}");

        assertThat(engine.sweepExpiredItems()).isEqualTo(3);

        assertThat(calls.getItem(TABLE, "past")).isNull();
        assertThat(calls.getItem(TABLE, "fraction")).isNull();
        assertThat(calls.getItem(TABLE, "five-years")).isNull();
        for (String kept : new String[] {"now", "future", "over-five-years", "negative", "string", "number-set"}) {
            assertThat(calls.getItem(TABLE, kept)).as(kept).isNotNull();
        }
    }

    @Test
    void nothingExpiresWhileTimeToLiveIsEnablingOrAfterItIsDisabled() {
        long now = clock.instant().getEpochSecond();
        put("old", number(now - 100));
        assertThat(engine.sweepExpiredItems()).isZero();

        enable();
        assertThat(status()).isEqualTo("ENABLING");
        assertThat(engine.sweepExpiredItems()).isZero();

        assertThatThrownBy(this::disable).isInstanceOf(ServiceError.class)
                .hasMessage("Time to live has been modified multiple times within a fixed interval");
        assertThat(status()).isEqualTo("ENABLING");
        clock.advance(TimeToLive.TRANSITION);
        assertThat(status()).isEqualTo("ENABLED");
        disable();
        assertThat(status()).isEqualTo("DISABLING");
        assertThat(engine.sweepExpiredItems()).isZero();
        clock.advance(TimeToLive.TRANSITION);
        assertThat(status()).isEqualTo("DISABLED");
        assertThat(engine.sweepExpiredItems()).isZero();
        assertThat(calls.getItem(TABLE, "old")).isNotNull();
    }

    @Test
    void anExpiredItemUpdatedToALaterTimeBeforeTheSweepStays() {
        enable();
        clock.advance(TimeToLive.TRANSITION);
        long now = clock.instant().getEpochSecond();
        put("renewed", number(now - 5));
        put("renewed", number(now + 3600));

        assertThat(engine.sweepExpiredItems()).isZero();
        assertThat(calls.getItem(TABLE, "renewed")).isNotNull();
    }
}
