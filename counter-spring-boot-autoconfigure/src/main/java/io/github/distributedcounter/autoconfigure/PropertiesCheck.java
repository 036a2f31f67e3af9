package io.github.distributedcounter.autoconfigure;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks {@code distributed-counter.*} at start-up and reports a bad value under its property name (Boot's
 * failure analysis then shows where it was set), rather than as the counter builder's option.
 */
final class PropertiesCheck {

    private static final String PREFIX = "distributed-counter.";

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    private PropertiesCheck() {
    }

    /** The properties the counter is built from; the exactly-once timings only with exactly-once on. */
    static void counter(DistributedCounterProperties properties) {
        if (!TABLE_NAME.matcher(properties.getTable()).matches()) {
            throw invalid("table", properties.getTable(),
                    "must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'");
        }
        requireText("key-attribute", properties.getKeyAttribute());
        requireText("value-attribute", properties.getValueAttribute());
        if (properties.getKeyAttribute().equals(properties.getValueAttribute())) {
            throw invalid("value-attribute", properties.getValueAttribute(), "must differ from " + PREFIX
                    + "key-attribute");
        }
        atLeastOne("max-batch-size", properties.getMaxBatchSize());
        requirePositive("table-active-timeout", properties.getTableActiveTimeout());
        if (properties.isExactlyOnce()) {
            requirePositive("exactly-once-retention", properties.getExactlyOnceRetention());
            if (properties.getExactlyOnceRetention().compareTo(Duration.ofMinutes(1)) < 0) {
                throw invalid("exactly-once-retention", properties.getExactlyOnceRetention(),
                        "must be at least 1 minute, to cover requests in flight and differences between clocks");
            }
            requirePositive("outcome-resolution-timeout", properties.getOutcomeResolutionTimeout());
            if (properties.getOutcomeResolutionTimeout().compareTo(properties.getExactlyOnceRetention()) >= 0) {
                throw invalid("outcome-resolution-timeout", properties.getOutcomeResolutionTimeout(),
                        "must be shorter than " + PREFIX + "exactly-once-retention ("
                                + properties.getExactlyOnceRetention() + ")");
            }
        }
    }

    /** The properties the DynamoDB client is built from. */
    static void client(DistributedCounterProperties properties) {
        atLeastOne("max-connections", properties.getMaxConnections());
        requirePositive("api-call-attempt-timeout", properties.getApiCallAttemptTimeout());
        requirePositive("api-call-timeout", properties.getApiCallTimeout());
        DistributedCounterProperties.Retry retry = properties.getRetry();
        atLeastOne("retry.max-attempts", retry.getMaxAttempts());
        requirePositive("retry.base-delay", retry.getBaseDelay());
        requirePositive("retry.throttling-base-delay", retry.getThrottlingBaseDelay());
        requirePositive("retry.max-delay", retry.getMaxDelay());
    }

    private static void atLeastOne(String property, int value) {
        if (value < 1) {
            throw invalid(property, value, "must be at least 1");
        }
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(property, value, "must be positive");
        }
    }

    private static void requireText(String property, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(property, value, "must not be blank");
        }
    }

    private static InvalidConfigurationPropertyValueException invalid(String property, Object value, String reason) {
        return new InvalidConfigurationPropertyValueException(PREFIX + property, value, reason);
    }
}
