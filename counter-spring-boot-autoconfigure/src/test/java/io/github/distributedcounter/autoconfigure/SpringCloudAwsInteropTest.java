package io.github.distributedcounter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import io.awspring.cloud.dynamodb.DynamoDbTemplate;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The counter in an application that configures AWS with Spring Cloud AWS: on its {@code DynamoDbClient} when its
 * DynamoDB starter is there, and on a client of its own from Spring Cloud AWS's region, credentials and
 * {@code AwsConnectionDetails} when it is not. The credential scope of each signed request (access key and region)
 * shows what the counter's requests carried.
 */
@DynamoDbEmulatorTest
class SpringCloudAwsInteropTest {

    private static final String CLOUD_REGION = "eu-central-1";

    /** Spring Cloud AWS's DynamoDB module is absent: its core starter alone. */
    private static final FilteredClassLoader WITHOUT_ITS_DYNAMODB_STARTER =
            new FilteredClassLoader(DynamoDbTemplate.class);

    private final URI endpoint;
    private final DynamoDbClient defaultClient;
    private final String table = "cloud-" + UUID.randomUUID();
    private final ApplicationContextRunner runner;

    SpringCloudAwsInteropTest(URI endpoint, DynamoDbClient defaultClient) {
        this.endpoint = endpoint;
        this.defaultClient = defaultClient;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class,
                        RegionProviderAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
                        AwsAutoConfiguration.class, DynamoDbAutoConfiguration.class))
                .withPropertyValues("distributed-counter.table=" + table, "distributed-counter.create-table=true",
                        "spring.cloud.aws.region.static=" + CLOUD_REGION,
                        "spring.cloud.aws.credentials.access-key=cloudAccess",
                        "spring.cloud.aws.credentials.secret-key=cloudSecret");
    }

    @Test
    void countsOnSpringCloudAwsDynamoDbClientWithItsRegionCredentialsAndCustomizers() {
        List<String> scopes = new CopyOnWriteArrayList<>();
        runner.withPropertyValues("spring.cloud.aws.dynamodb.endpoint=" + endpoint)
                .withBean(DynamoDbClientCustomizer.class, () -> builder -> builder.overrideConfiguration(
                        o -> o.addExecutionInterceptor(new CredentialScopes(scopes))))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(DynamoDbClient.class)
                            .doesNotHaveBean(DynamoDbConnectionDetails.class);
                    assertThat(context.getBean(DistributedCounter.class).increment("k", 5, 10)).isEqualTo(15);
                    assertSignedAndStored(scopes, "cloudAccess/" + CLOUD_REGION, "15");
                });
    }

    @Test
    void clientPropertiesOfTheCounterFailStartUpWithSpringCloudAwsDynamoDbClient() {
        String reason = "the counter uses the application's DynamoDbClient (bean 'dynamoDbClient'), which the "
                + "distributed-counter.* client properties do not configure. Configure that client instead (with "
                + "Spring Cloud AWS: spring.cloud.aws.region.static, spring.cloud.aws.dynamodb.endpoint, "
                + "spring.cloud.aws.credentials.*, or a DynamoDbClientCustomizer bean), or remove this property";
        ApplicationContextRunner cloud = runner.withPropertyValues("spring.cloud.aws.dynamodb.endpoint=" + endpoint);
        assertFails(cloud, "Property distributed-counter.endpoint with value 'http://127.0.0.1:1' is invalid: "
                + reason, "distributed-counter.endpoint=http://127.0.0.1:1");
        assertFails(cloud, "Property distributed-counter.region with value 'eu-west-1' is invalid: " + reason,
                "distributed-counter.region=eu-west-1");
        assertFails(cloud, "Property distributed-counter.api-call-timeout with value '3s' is invalid: " + reason,
                "distributed-counter.api-call-timeout=3s");
        assertFails(cloud, "Property distributed-counter.retry.max-attempts with value '2' is invalid: " + reason,
                "distributed-counter.retry.max-attempts=2");
        assertFails(cloud, "Property distributed-counter.embedded.enabled with value 'true' is invalid: " + reason,
                "distributed-counter.embedded.enabled=true");
        assertFails(cloud, "Property distributed-counter.access-key with value '******' is invalid: " + reason,
                "distributed-counter.access-key=ourAccess", "distributed-counter.secret-key=ourSecret");
    }

    @Test
    void withoutItsDynamoDbStarterTheCounterUsesSpringCloudAwsRegionAndCredentials() {
        List<String> scopes = new CopyOnWriteArrayList<>();
        runner.withClassLoader(WITHOUT_ITS_DYNAMODB_STARTER)
                .withPropertyValues("distributed-counter.endpoint=" + endpoint)
                .withBean(DistributedCounterDynamoDbClientCustomizer.class, () -> recording(scopes))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(DynamoDbConnectionDetails.class);
                    assertThat(context.getBean(DynamoDbClient.class).serviceClientConfiguration().region())
                            .isEqualTo(Region.of(CLOUD_REGION));
                    assertThat(context.getBean(DistributedCounter.class).increment("k", 1, 41)).isEqualTo(42);
                    assertSignedAndStored(scopes, "cloudAccess/" + CLOUD_REGION, "42");
                });
    }

    @Test
    void withoutItsDynamoDbStarterTheCountersOwnRegionAndKeysWin() {
        List<String> scopes = new CopyOnWriteArrayList<>();
        runner.withClassLoader(WITHOUT_ITS_DYNAMODB_STARTER)
                .withPropertyValues("distributed-counter.endpoint=" + endpoint, "distributed-counter.region=eu-west-1",
                        "distributed-counter.access-key=ourAccess", "distributed-counter.secret-key=ourSecret")
                .withBean(DistributedCounterDynamoDbClientCustomizer.class, () -> recording(scopes))
                .run(context -> {
                    assertThat(context.getBean(DistributedCounter.class).increment("k", 1, 6)).isEqualTo(7);
                    assertSignedAndStored(scopes, "ourAccess/eu-west-1", "7");
                });
    }

    @Test
    void withoutItsDynamoDbStarterAwsConnectionDetailsWinOverTheProperties() {
        List<String> scopes = new CopyOnWriteArrayList<>();
        runner.withClassLoader(WITHOUT_ITS_DYNAMODB_STARTER)
                .withPropertyValues("distributed-counter.endpoint=http://127.0.0.1:1")
                .withBean(AwsConnectionDetails.class, () -> new AwsConnectionDetails() {
                    @Override
                    public URI getEndpoint() {
                        return endpoint;
                    }

                    @Override
                    public String getRegion() {
                        return "ap-south-1";
                    }

                    @Override
                    public String getAccessKey() {
                        return "localstackAccess";
                    }

                    @Override
                    public String getSecretKey() {
                        return "localstackSecret";
                    }
                })
                .withBean(DistributedCounterDynamoDbClientCustomizer.class, () -> recording(scopes))
                .run(context -> {
                    assertThat(context.getBean(DynamoDbConnectionDetails.class).getEndpoint()).isEqualTo(endpoint);
                    assertThat(context.getBean(DistributedCounter.class).increment("k", 2, 0)).isEqualTo(2);
                    assertSignedAndStored(scopes, "localstackAccess/ap-south-1", "2");
                });
    }

    @Test
    void withoutSpringCloudAwsAtAllTheCounterBuildsItsClientFromItsProperties() {
        List<String> scopes = new CopyOnWriteArrayList<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("io.awspring.cloud"))
                .withPropertyValues("distributed-counter.table=" + table, "distributed-counter.create-table=true",
                        "distributed-counter.endpoint=" + endpoint, "distributed-counter.access-key=plainAccess",
                        "distributed-counter.secret-key=plainSecret")
                .withBean(DistributedCounterDynamoDbClientCustomizer.class, () -> recording(scopes))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DistributedCounter.class).increment("k", 3, 0)).isEqualTo(3);
                    assertSignedAndStored(scopes, "plainAccess/us-east-1", "3");
                });
    }

    private void assertFails(ApplicationContextRunner runner, String message, String... properties) {
        runner.withPropertyValues(properties).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessage(message));
    }

    /** Every request was signed for {@code scope} (access key/region), and key "k" holds {@code value}. */
    private void assertSignedAndStored(List<String> scopes, String scope, String value) {
        assertThat(scopes).contains("UpdateItem " + scope).allMatch(sent -> sent.endsWith(" " + scope));
        assertThat(defaultClient.getItem(b -> b.tableName(table).key(Map.of("key", AttributeValue.fromS("k"))))
                .item().get("counter_value").n()).isEqualTo(value);
    }

    private static DistributedCounterDynamoDbClientCustomizer recording(List<String> scopes) {
        return builder -> builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(new CredentialScopes(scopes)).build());
    }

    /** Records, per request sent, its operation and the access key and region it was signed with. */
    private static final class CredentialScopes implements ExecutionInterceptor {

        private static final Pattern SCOPE = Pattern.compile("Credential=([^/]+)/[0-9]+/([^/]+)/dynamodb/");

        private final List<String> scopes;

        CredentialScopes(List<String> scopes) {
            this.scopes = scopes;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            Matcher scope = SCOPE.matcher(context.httpRequest().firstMatchingHeader("Authorization").orElseThrow());
            assertThat(scope.find()).isTrue();
            scopes.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " " + scope.group(1) + "/"
                    + scope.group(2));
        }
    }
}
