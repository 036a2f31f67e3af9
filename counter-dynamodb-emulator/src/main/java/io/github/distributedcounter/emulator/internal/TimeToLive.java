package io.github.distributedcounter.emulator.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * UpdateTimeToLive, DescribeTimeToLive and the deletion of expired items.
 * <p>
 * As in DynamoDB: TTL is enabled on one attribute per table; UpdateTimeToLive is not idempotent (enabling it
 * when it is enabled, or disabling it when it is disabled, is a ValidationException, and so is naming another
 * attribute than the one it is enabled on); a change first shows as {@code ENABLING} or {@code DISABLING}, and
 * any further UpdateTimeToLive on the table while it settles is a ValidationException. An item expires when its
 * TTL attribute is a Number of epoch seconds less than the current time; an attribute of another type, and a
 * time more than five years in the past, are ignored. An expired item still reads, and can be written, as
 * usual until it is deleted; its deletion is an ordinary delete of the item that consumes no capacity.
 * <p>
 * Differences, for tests' sake: DynamoDB takes up to an hour to settle a change and refuses further changes for
 * that hour; here both take {@link #TRANSITION} (one second) of the engine's clock. DynamoDB deletes expired
 * items on a best-effort basis, typically within a few days (the API reference says two); here a sweeper deletes
 * them within about a second of their expiry once TTL is {@code ENABLED}.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html">
 *     UpdateTimeToLive</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html">
 *     DescribeTimeToLive</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TimeToLiveDescription.html">
 *     TimeToLiveDescription</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html">
 *     Using time to live (TTL) in DynamoDB</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html">
 *     How TTL works</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html">
 *     Computing time to live: the TTL can't be more than five years in the past</a>
 */
final class TimeToLive {

    /** How long a change of the setting shows as ENABLING or DISABLING, and refuses a further change. */
    static final Duration TRANSITION = Duration.ofSeconds(1);
    /** How often the sweeper looks for expired items. */
    static final Duration SWEEP_PERIOD = Duration.ofMillis(200);
    private static final int MAX_YEARS_IN_THE_PAST = 5;
    private static final int MAX_ATTRIBUTE_NAME_LENGTH = 255;

    /** A table's TTL setting: whether enabled, on which attribute, and when it last changed (null: never). */
    record Setting(boolean enabled, String attribute, Instant changed) {

        static final Setting NEVER = new Setting(false, null, null);

        /** ENABLING, ENABLED, DISABLING or DISABLED, at {@code now}. */
        String status(Instant now) {
            boolean settling = changed != null && now.isBefore(changed.plus(TRANSITION));
            if (enabled) {
                return settling ? "ENABLING" : "ENABLED";
            }
            return settling ? "DISABLING" : "DISABLED";
        }
    }

    private final Engine engine;

    TimeToLive(Engine engine) {
        this.engine = engine;
    }

    Map<String, Object> updateTimeToLive(Map<String, Object> request) {
        String name = TableOperations.tableName(request);
        Map<String, Object> specification = Requests.map(request, "TimeToLiveSpecification");
        if (specification == null) {
            throw ServiceError.validation("1 validation error detected: Value null at 'timeToLiveSpecification' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        Object enabledValue = specification.get("Enabled");
        String attribute = Requests.string(specification, "AttributeName");
        if (enabledValue == null) {
            throw ServiceError.validation("1 validation error detected: Value null at "
                    + "'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null");
        }
        boolean enabled = Requests.asBoolean(enabledValue);
        if (attribute == null) {
            throw ServiceError.validation("1 validation error detected: Value null at "
                    + "'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null");
        }
        if (attribute.isEmpty() || attribute.length() > MAX_ATTRIBUTE_NAME_LENGTH) {
            throw ServiceError.validation("1 validation error detected: Value '" + attribute + "' at "
                    + "'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length "
                    + (attribute.isEmpty() ? "greater than or equal to 1"
                    : "less than or equal to " + MAX_ATTRIBUTE_NAME_LENGTH));
        }
        Table table = TableOperations.namedTable(engine, name);
        synchronized (table) {
            Instant now = engine.clock().instant();
            Setting current = table.timeToLive;
            String status = current.status(now);
            if (current.enabled() && !current.attribute().equals(attribute)) {
                throw ServiceError.validation("TimeToLive is active on a different AttributeName: current "
                        + "AttributeName is " + current.attribute());
            }
            if (current.enabled() && enabled) {
                throw ServiceError.validation("TimeToLive is already enabled");
            }
            if (!current.enabled() && !enabled) {
                throw ServiceError.validation("TimeToLive is already disabled");
            }
            if (status.equals("ENABLING") || status.equals("DISABLING")) {
                throw ServiceError.validation("Time to live has been modified multiple times within a fixed interval");
            }
            table.timeToLive = new Setting(enabled, attribute, now);
        }
        Map<String, Object> echoed = new LinkedHashMap<>();
        echoed.put("Enabled", enabled);
        echoed.put("AttributeName", attribute);
        return Map.of("TimeToLiveSpecification", echoed);
    }

    Map<String, Object> describeTimeToLive(Map<String, Object> request) {
        String name = TableOperations.tableName(request);
        Table table = TableOperations.namedTable(engine, name);
        Setting setting = table.timeToLive;
        String status = setting.status(engine.clock().instant());
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("TimeToLiveStatus", status);
        if (!status.equals("DISABLED")) {
            description.put("AttributeName", setting.attribute());
        }
        return Map.of("TimeToLiveDescription", description);
    }

    /** Deletes the expired items of every table whose TTL is ENABLED at the engine's clock; returns how many. */
    int sweep() {
        Instant now = engine.clock().instant();
        BigDecimal nowSeconds = epochSeconds(now);
        BigDecimal oldest = epochSeconds(now.atOffset(ZoneOffset.UTC).minusYears(MAX_YEARS_IN_THE_PAST).toInstant());
        int removed = 0;
        for (Table table : engine.tables().values()) {
            Setting setting = table.timeToLive;
            if (setting.enabled() && setting.status(now).equals("ENABLED")) {
                removed += table.removeExpired(setting.attribute(), nowSeconds, oldest);
            }
        }
        return removed;
    }

    /**
     * Whether the item has expired: its {@code attribute} is a Number of epoch seconds before {@code now} and not
     * before {@code oldest} (five years earlier). Any other type of value, or none, never expires.
     */
    static boolean expired(Map<String, Value> item, String attribute, BigDecimal now, BigDecimal oldest) {
        if (!(item.get(attribute) instanceof Value.N n)) {
            return false;
        }
        return n.value().compareTo(now) < 0 && n.value().compareTo(oldest) >= 0;
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }
}
