package io.github.distributedcounter.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Checks {@code distributed-counter.*} at start-up and reports a bad value under its property name, as
 * {@link InvalidConfigurationPropertyValueException}: Spring Boot's failure analysis then shows the property, where
 * it was set, and why it is wrong.
 */
final class PropertiesCheck {

    private static final String PREFIX = "distributed-counter.";

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    /** The properties that configure the client the counter builds; credentials last. */
    private static final List<String> CLIENT_PROPERTIES = List.of("endpoint", "region", "max-connections",
            "api-call-attempt-timeout", "api-call-timeout", "retry.max-attempts", "retry.base-delay",
            "retry.throttling-base-delay", "retry.max-delay", "access-key", "secret-key");

    private PropertiesCheck() {
    }

    /** The properties the counter is built from; the exactly-once timings only with exactly-once on. */
    static void counter(DistributedCounterProperties properties) {
        if (!StringUtils.hasText(properties.getTable())) {
            throw invalid("table", properties.getTable(), "must be set to the name of the DynamoDB table that holds "
                    + "the counters, e.g. " + PREFIX + "table=counters (add " + PREFIX + "create-table=true to create "
                    + "it at start-up)");
        }
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
        credentials(properties);
        atLeastOne("max-connections", properties.getMaxConnections());
        requirePositive("api-call-attempt-timeout", properties.getApiCallAttemptTimeout());
        requirePositive("api-call-timeout", properties.getApiCallTimeout());
        DistributedCounterProperties.Retry retry = properties.getRetry();
        atLeastOne("retry.max-attempts", retry.getMaxAttempts());
        requirePositive("retry.base-delay", retry.getBaseDelay());
        requirePositive("retry.throttling-base-delay", retry.getThrottlingBaseDelay());
        requirePositive("retry.max-delay", retry.getMaxDelay());
    }

    /** Static credentials are both keys or neither; the one missing is named, so no key's value is shown. */
    static void credentials(DistributedCounterProperties properties) {
        boolean accessKey = StringUtils.hasText(properties.getAccessKey());
        boolean secretKey = StringUtils.hasText(properties.getSecretKey());
        if (accessKey != secretKey) {
            String missing = accessKey ? "secret-key" : "access-key";
            String set = accessKey ? "access-key" : "secret-key";
            throw invalid(missing, null, "must be set together with " + PREFIX + set + ": set both for static "
                    + "credentials, or neither for the AWS SDK's default credentials chain");
        }
    }

    /**
     * With a {@code DynamoDbClient} of the application's, none of the client properties applies: the first one
     * set is reported, as is {@code embedded.enabled=true}.
     */
    static void noClientProperties(DistributedCounterProperties properties, Binder binder, String clientBeans) {
        String reason = "the counter uses the application's DynamoDbClient (bean " + clientBeans + "), which the "
                + PREFIX + "* client properties do not configure. Configure that client instead (with Spring Cloud "
                + "AWS: spring.cloud.aws.region.static, spring.cloud.aws.dynamodb.endpoint, spring.cloud.aws."
                + "credentials.*, or a DynamoDbClientCustomizer bean), or remove this property";
        if (properties.getEmbedded().isEnabled()) {
            throw invalid("embedded.enabled", true, reason);
        }
        credentials(properties);
        for (String property : CLIENT_PROPERTIES) {
            binder.bind(PREFIX + property, Bindable.of(String.class)).ifBound(value -> {
                throw invalid(property, property.endsWith("-key") ? "******" : value, reason);
            });
        }
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
