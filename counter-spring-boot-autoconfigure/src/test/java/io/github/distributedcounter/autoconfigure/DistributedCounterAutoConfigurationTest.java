package io.github.distributedcounter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.DynamoDbDistributedCounter;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

@DynamoDbEmulatorTest
class DistributedCounterAutoConfigurationTest {

    private final URI endpoint;
    private final DynamoDbClient client;
    private final ApplicationContextRunner runner;
    /** For an application with a DynamoDbClient of its own: no client properties of the counter's. */
    private final ApplicationContextRunner ownClientRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class));

    DistributedCounterAutoConfigurationTest(URI endpoint, DynamoDbClient client) {
        this.endpoint = endpoint;
        this.client = client;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + endpoint,
                        "distributed-counter.access-key=testAccess", "distributed-counter.secret-key=testSecret");
    }

    private static String table() {
        return "autoconfig-" + UUID.randomUUID();
    }

    @Test
    void createsClientAndCounterFromProperties() {
        String table = table();
        runner.withPropertyValues("distributed-counter.table=" + table, "distributed-counter.create-table=true",
                "distributed-counter.key-attribute=pk", "distributed-counter.value-attribute=hits")
                .run(context -> {
                    assertThat(context).hasSingleBean(DynamoDbClient.class)
                            .hasSingleBean(DynamoDbConnectionDetails.class);
                    DistributedCounter counter = context.getBean(DistributedCounter.class);
                    assertThat(counter).isInstanceOf(DynamoDbDistributedCounter.class);
                    assertThat(((DynamoDbDistributedCounter) counter).tableName()).isEqualTo(table);
                    assertThat(counter.increment("a", 5, 10)).isEqualTo(15);
                    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                            .key(Map.of("pk", AttributeValue.fromS("a")))).item();
                    assertThat(item).containsEntry("pk", AttributeValue.fromS("a"))
                            .containsEntry("hits", AttributeValue.fromN("15"));
                });
    }

    @Test
    void bindsEveryProperty() {
        runner.withPropertyValues("distributed-counter.table=tbl1", "distributed-counter.region=eu-west-1",
                "distributed-counter.coalescing=false", "distributed-counter.max-batch-size=7",
                "distributed-counter.table-active-timeout=30s", "distributed-counter.api-call-timeout=3s",
                "distributed-counter.api-call-attempt-timeout=1s", "distributed-counter.max-connections=8",
                "distributed-counter.outcome-resolution-timeout=4s", "distributed-counter.embedded.port=9999")
                .run(context -> {
                    DistributedCounterProperties properties = context.getBean(DistributedCounterProperties.class);
                    assertThat(properties.getTable()).isEqualTo("tbl1");
                    assertThat(properties.getRegion()).isEqualTo("eu-west-1");
                    assertThat(properties.getEndpoint()).isEqualTo(endpoint);
                    assertThat(properties.isCoalescing()).isFalse();
                    assertThat(properties.getMaxBatchSize()).isEqualTo(7);
                    assertThat(properties.getTableActiveTimeout()).hasSeconds(30);
                    assertThat(properties.getApiCallTimeout()).hasSeconds(3);
                    assertThat(properties.getApiCallAttemptTimeout()).hasSeconds(1);
                    assertThat(properties.getMaxConnections()).isEqualTo(8);
                    assertThat(properties.getOutcomeResolutionTimeout()).hasSeconds(4);
                    assertThat(properties.getEmbedded().getPort()).isEqualTo(9999);
                    assertThat(properties.getEmbedded().isEnabled()).isFalse();
                    DynamoDbConnectionDetails details = context.getBean(DynamoDbConnectionDetails.class);
                    assertThat(details.getRegion().id()).isEqualTo("eu-west-1");
                    assertThat(details.getCredentialsProvider().resolveCredentials().accessKeyId())
                            .isEqualTo("testAccess");
                });
    }

    @Test
    void usesTheApplicationsOwnDynamoDbClient() {
        String table = table();
        ownClientRunner.withPropertyValues("distributed-counter.table=" + table,
                "distributed-counter.create-table=true")
                .withBean("myClient", DynamoDbClient.class, () -> client, b -> b.setDestroyMethodName(""))
                .run(context -> {
                    assertThat(context).hasSingleBean(DynamoDbClient.class).hasBean("myClient");
                    assertThat(context.getBean(DistributedCounter.class).increment("k", 1, 0)).isEqualTo(1);
                });
    }

    @Test
    void customizersRunAfterThePropertiesOnTheClientItBuilds() {
        List<String> operations = new CopyOnWriteArrayList<>();
        runner.withPropertyValues("distributed-counter.table=" + table(), "distributed-counter.create-table=true",
                "distributed-counter.api-call-timeout=3s", "distributed-counter.api-call-attempt-timeout=1s")
                .withBean(DistributedCounterDynamoDbClientCustomizer.class, () -> builder -> builder
                        .overrideConfiguration(builder.overrideConfiguration().toBuilder()
                                .apiCallTimeout(Duration.ofSeconds(7))
                                .addExecutionInterceptor(new Recorder(operations)).build()))
                .run(context -> {
                    assertThat(context.getBean(DistributedCounter.class).increment("k", 1, 0)).isEqualTo(1);
                    assertThat(operations).containsSubsequence("DescribeTable", "UpdateItem");
                    ClientOverrideConfiguration configuration = context.getBean(DynamoDbClient.class)
                            .serviceClientConfiguration().overrideConfiguration();
                    assertThat(configuration.apiCallTimeout()).contains(Duration.ofSeconds(7));
                    assertThat(configuration.apiCallAttemptTimeout()).contains(Duration.ofSeconds(1));
                });
    }

    @Test
    void customizersDoNotApplyToTheApplicationsOwnClient() {
        List<String> operations = new CopyOnWriteArrayList<>();
        ownClientRunner.withPropertyValues("distributed-counter.table=" + table(),
                "distributed-counter.create-table=true")
                .withBean("myClient", DynamoDbClient.class, () -> client, b -> b.setDestroyMethodName(""))
                .withBean(DistributedCounterDynamoDbClientCustomizer.class, () -> builder -> builder
                        .overrideConfiguration(o -> o.addExecutionInterceptor(new Recorder(operations))))
                .run(context -> {
                    assertThat(context.getBean(DistributedCounter.class).increment("k", 1, 0)).isEqualTo(1);
                    assertThat(operations).isEmpty();
                });
    }

    @Test
    void aClientPropertyWithTheApplicationsOwnClientFailsStartUpNamingIt() {
        ownClientRunner.withPropertyValues("distributed-counter.table=tbl1", "distributed-counter.max-connections=8")
                .withBean("myClient", DynamoDbClient.class, () -> client, b -> b.setDestroyMethodName(""))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessage("Property distributed-counter.max-connections with value '8' is invalid: the "
                                + "counter uses the application's DynamoDbClient (bean 'myClient'), which the "
                                + "distributed-counter.* client properties do not configure. Configure that client "
                                + "instead (with Spring Cloud AWS: spring.cloud.aws.region.static, spring.cloud.aws."
                                + "dynamodb.endpoint, spring.cloud.aws.credentials.*, or a DynamoDbClientCustomizer "
                                + "bean), or remove this property"));
    }

    @Test
    void connectionDetailsWithTheApplicationsOwnClientFailStartUpNamingBoth() {
        ownClientRunner.withPropertyValues("distributed-counter.table=tbl1")
                .withBean("myClient", DynamoDbClient.class, () -> client, b -> b.setDestroyMethodName(""))
                .withBean("containerDetails", DynamoDbConnectionDetails.class, () -> new DynamoDbConnectionDetails() {
                    public URI getEndpoint() {
                        return endpoint;
                    }

                    public software.amazon.awssdk.regions.Region getRegion() {
                        return DynamoDbEmulator.REGION;
                    }

                    public software.amazon.awssdk.auth.credentials.AwsCredentialsProvider getCredentialsProvider() {
                        return DynamoDbEmulator.credentialsProvider();
                    }
                })
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(IllegalStateException.class)
                        .hasMessage("The distributed counter uses the application's DynamoDbClient (bean 'myClient'), "
                                + "so the DynamoDbConnectionDetails bean 'containerDetails' cannot apply. Point that "
                                + "client at the same DynamoDB, or remove one of them"));
    }

    /** Records the operation names of the requests a client sends. */
    private static class Recorder implements ExecutionInterceptor {

        private final List<String> operations;

        Recorder(List<String> operations) {
            this.operations = operations;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    @Test
    void createTableStartsWhenTheTableExistsAndCreateTableIsDenied() {
        String table = table();
        DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName(table).build().createTable();
        List<String> operations = new CopyOnWriteArrayList<>();
        try (DynamoDbClient denyingCreate = DynamoDbClient.builder().endpointOverride(endpoint)
                .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new DenyCreateTable(operations))).build()) {
            ownClientRunner.withPropertyValues("distributed-counter.table=" + table,
                "distributed-counter.create-table=true")
                    .withBean("myClient", DynamoDbClient.class, () -> denyingCreate, b -> b.setDestroyMethodName(""))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(DistributedCounter.class).increment("k", 1, 0)).isEqualTo(1);
                        assertThat(operations).contains("DescribeTable").doesNotContain("CreateTable");
                    });
        }
    }

    /** A role without dynamodb:CreateTable: every CreateTable request is refused as AWS refuses it. */
    private static final class DenyCreateTable extends Recorder {

        DenyCreateTable(List<String> operations) {
            super(operations);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            super.beforeExecution(context, attributes);
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if ("CreateTable".equals(operation)) {
                throw DynamoDbException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                                .errorMessage("User is not authorized to perform: dynamodb:CreateTable").build())
                        .message("User is not authorized to perform: dynamodb:CreateTable").build();
            }
        }
    }

    @Test
    void twoDynamoDbClientsFailStartUpNamingBothAndHowToChoose() {
        ownClientRunner.withPropertyValues("distributed-counter.table=tbl1")
                .withBean("ordersClient", DynamoDbClient.class, () -> client, b -> b.setDestroyMethodName(""))
                .withBean("auditClient", DynamoDbClient.class, () -> client, b -> b.setDestroyMethodName(""))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(IllegalStateException.class)
                        .hasMessage("The distributed counter needs one DynamoDbClient but found 2: 'ordersClient', "
                                + "'auditClient'. Mark the one it should use @Primary, or define your own "
                                + "DistributedCounter bean with DynamoDbDistributedCounter.builder()"
                                + ".dynamoDbClient(...)"));
    }

    @Test
    void twoDynamoDbClientsOneOfThemPrimaryUsesThePrimary() {
        String table = table();
        ownClientRunner.withPropertyValues("distributed-counter.table=" + table,
                "distributed-counter.create-table=true")
                .withBean("brokenClient", DynamoDbClient.class, () -> DynamoDbClient.builder()
                        .endpointOverride(URI.create("http://127.0.0.1:1")).region(DynamoDbEmulator.REGION)
                        .credentialsProvider(DynamoDbEmulator.credentialsProvider()).build())
                .withBean("mainClient", DynamoDbClient.class, () -> client, b -> {
                    b.setDestroyMethodName("");
                    b.setPrimary(true);
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DistributedCounter.class).increment("k", 1, 0)).isEqualTo(1);
                });
    }

    @Test
    void backsOffWhenTheApplicationHasItsOwnCounter() {
        DistributedCounter own = DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("own-table")
                .build();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class))
                .withBean(DistributedCounter.class, () -> own)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DistributedCounter.class)).isSameAs(own);
                });
    }

    @Test
    void missingTablePropertyFailsStartUpNamingIt() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessage("Property distributed-counter.table with value 'null' is invalid: must be set to the name "
                        + "of the DynamoDB table that holds the counters, e.g. distributed-counter.table=counters (add "
                        + "distributed-counter.create-table=true to create it at start-up)"));
    }

    @Test
    void timeoutsWithoutAUnitAreSecondsAndRetryDelaysMilliseconds() {
        runner.withPropertyValues("distributed-counter.table=tbl1", "distributed-counter.api-call-timeout=10",
                "distributed-counter.api-call-attempt-timeout=3", "distributed-counter.table-active-timeout=30",
                "distributed-counter.outcome-resolution-timeout=4", "distributed-counter.exactly-once-retention=600",
                "distributed-counter.retry.base-delay=25", "distributed-counter.retry.throttling-base-delay=100",
                "distributed-counter.retry.max-delay=1000")
                .run(context -> {
                    DistributedCounterProperties properties = context.getBean(DistributedCounterProperties.class);
                    assertThat(properties.getApiCallTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(properties.getApiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(properties.getTableActiveTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(properties.getOutcomeResolutionTimeout()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(properties.getExactlyOnceRetention()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(properties.getRetry().getBaseDelay()).isEqualTo(Duration.ofMillis(25));
                    assertThat(properties.getRetry().getThrottlingBaseDelay()).isEqualTo(Duration.ofMillis(100));
                    assertThat(properties.getRetry().getMaxDelay()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(context.getBean(DynamoDbClient.class).serviceClientConfiguration()
                            .overrideConfiguration().apiCallTimeout()).contains(Duration.ofSeconds(10));
                });
    }

    @Test
    void retryStrategyFromProperties() {
        runner.withPropertyValues("distributed-counter.table=tbl1", "distributed-counter.retry.max-attempts=4",
                "distributed-counter.retry.base-delay=10ms", "distributed-counter.retry.throttling-base-delay=50ms",
                "distributed-counter.retry.max-delay=3s").run(context -> {
                    DistributedCounterProperties.Retry retry = context.getBean(DistributedCounterProperties.class)
                            .getRetry();
                    assertThat(retry.getBaseDelay()).hasMillis(10);
                    assertThat(retry.getThrottlingBaseDelay()).hasMillis(50);
                    assertThat(retry.getMaxDelay()).hasSeconds(3);
                    assertThat(context.getBean(DynamoDbClient.class).serviceClientConfiguration()
                            .overrideConfiguration().retryStrategy()).get()
                            .isInstanceOf(StandardRetryStrategy.class)
                            .extracting(RetryStrategy::maxAttempts).isEqualTo(4);
                });
    }

    @Test
    void maxAttemptsBelowOneFailsStartUp() {
        runner.withPropertyValues("distributed-counter.table=tbl1", "distributed-counter.retry.max-attempts=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessage("Property distributed-counter.retry.max-attempts with value '0' is invalid: "
                                + "must be at least 1"));
    }

    @Test
    void invalidPropertiesFailStartUpNamingTheProperty() {
        assertInvalid("Property distributed-counter.max-batch-size with value '0' is invalid: must be at least 1",
                "distributed-counter.max-batch-size=0");
        assertInvalid("Property distributed-counter.table-active-timeout with value 'PT0S' is invalid: "
                + "must be positive", "distributed-counter.table-active-timeout=0s");
        assertInvalid("Property distributed-counter.table with value 'a b' is invalid: must be 3 to 255 "
                + "characters of a-z, A-Z, 0-9, '_', '-' and '.'", "distributed-counter.table=a b");
        assertInvalid("Property distributed-counter.value-attribute with value 'x' is invalid: must differ from "
                + "distributed-counter.key-attribute", "distributed-counter.key-attribute=x",
                "distributed-counter.value-attribute=x");
        assertInvalid("Property distributed-counter.outcome-resolution-timeout with value 'PT15M' is invalid: "
                + "must be shorter than distributed-counter.exactly-once-retention (PT10M)",
                "distributed-counter.outcome-resolution-timeout=15m");
        assertInvalid("Property distributed-counter.outcome-resolution-timeout with value 'PT0S' is invalid: "
                + "must be positive", "distributed-counter.outcome-resolution-timeout=0s");
        assertInvalid("Property distributed-counter.exactly-once-retention with value 'PT59S' is invalid: must be at "
                + "least 1 minute, to cover requests in flight and differences between clocks",
                "distributed-counter.exactly-once-retention=59s");
    }

    @Test
    void exactlyOnceTimingsAreNotCheckedWithExactlyOnceOff() {
        runner.withPropertyValues("distributed-counter.table=tbl1", "distributed-counter.exactly-once=false",
                "distributed-counter.outcome-resolution-timeout=15m")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DistributedCounter.class));
    }

    private void assertInvalid(String message, String... properties) {
        runner.withPropertyValues("distributed-counter.table=tbl1").withPropertyValues(properties)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessage(message));
    }

    @Test
    void accessKeyWithoutSecretKeyFailsStartUp() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class))
                .withPropertyValues("distributed-counter.table=tbl1", "distributed-counter.access-key=only-this")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessage("Property distributed-counter.secret-key with value 'null' is invalid: must be set "
                                + "together with distributed-counter.access-key: set both for static credentials, or "
                                + "neither for the AWS SDK's default credentials chain"));
    }

    @Test
    void endpointWithoutRegionUsesUsEast1() {
        runner.withPropertyValues("distributed-counter.table=tbl1").run(context ->
                assertThat(context.getBean(DynamoDbConnectionDetails.class).getRegion().id()).isEqualTo("us-east-1"));
    }

    @Test
    void connectionDetailsBeanReplacesTheProperties() {
        String table = table();
        try (DynamoDbEmulator other = DynamoDbEmulator.start()) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class))
                    .withPropertyValues("distributed-counter.table=" + table, "distributed-counter.create-table=true",
                            "distributed-counter.endpoint=http://127.0.0.1:1")
                    .withBean(DynamoDbConnectionDetails.class, () -> new DynamoDbConnectionDetails() {
                        public URI getEndpoint() {
                            return other.endpoint();
                        }

                        public software.amazon.awssdk.regions.Region getRegion() {
                            return DynamoDbEmulator.REGION;
                        }

                        public software.amazon.awssdk.auth.credentials.AwsCredentialsProvider getCredentialsProvider() {
                            return DynamoDbEmulator.credentialsProvider();
                        }
                    })
                    .run(context -> {
                        context.getBean(DistributedCounter.class).put("x", 3);
                        try (DynamoDbClient otherClient = other.createClient()) {
                            assertThat(otherClient.getItem(b -> b.tableName(table)
                                    .key(Map.of("key", AttributeValue.fromS("x")))).item())
                                    .containsEntry("counter_value", AttributeValue.fromN("3"));
                        }
                    });
        }
    }

    @Test
    void doesNothingWithoutTheCounterOnTheClasspath() {
        runner.withPropertyValues("distributed-counter.table=tbl1")
                .withClassLoader(new FilteredClassLoader(DynamoDbDistributedCounter.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DistributedCounter.class)
                        .doesNotHaveBean(DynamoDbClient.class));
    }

    @Test
    void counterValuesAreSharedByTwoContexts() {
        String table = table();
        ApplicationContextRunner shared = runner.withPropertyValues("distributed-counter.table=" + table,
                "distributed-counter.create-table=true");
        shared.run(first -> shared.run(second -> {
            first.getBean(DistributedCounter.class).put("shared", 41);
            assertThat(second.getBean(DistributedCounter.class).increment("shared", 1)).isEqualTo(42);
            assertThat(first.getBean(DistributedCounter.class).get("shared")).isEqualTo(OptionalLong.of(42));
        }));
    }
}
