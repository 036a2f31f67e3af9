package io.github.distributedcounter.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Calls on an {@link Engine} without HTTP, with request bodies written as JSON text, for the tests that drive the
 * engine's clock or throttle themselves.
 */
final class EngineCalls {

    private final Engine engine;

    EngineCalls(Engine engine) {
        this.engine = engine;
    }

    /** Runs one operation on a JSON request body; a {@link ServiceError} is the error response. */
    Map<String, Object> call(String operation, String json) {
        return Json.parseObject(engine.handle(operation, json.getBytes(StandardCharsets.UTF_8), true));
    }

    void createTable(String name) {
        call("CreateTable", """
                {"TableName": "%s", "BillingMode": "PAY_PER_REQUEST",
                 "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}""".formatted(name));
    }

    /** The item's attributes as JSON-parsed maps, or null when it does not exist. */
    Object getItem(String table, String pk) {
        return call("GetItem", """
                {"TableName": "%s", "Key": {"pk": {"S": "%s"}}, "ConsistentRead": true}""".formatted(table, pk))
                .get("Item");
    }

    /** A clock that stands still until a test moves it. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
