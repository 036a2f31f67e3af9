package io.github.distributedcounter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * Configuration errors as a user sees them: start-up fails and Spring Boot's own failure analysis names the
 * property, its value and where it was set, and why it is wrong. Nothing is sent to DynamoDB before that.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationErrorReportTest {

    private static final String NL = System.lineSeparator();

    private static final String ACTION = "Action:" + NL + NL
            + "Review the value of the property with the provided reason." + NL;

    private static final String PAIR = ": set both for static credentials, or neither for the AWS SDK's default "
            + "credentials chain";

    @Test
    void missingTableNamesThePropertyAndHowToSetIt(CapturedOutput output) {
        assertStartUpFails("distributed-counter.table", "--distributed-counter.endpoint=http://127.0.0.1:1");
        assertThat(output).contains(description("null", "distributed-counter.table", "")
                + "must be set to the name of the DynamoDB table that holds the counters, e.g. "
                + "distributed-counter.table=counters (add distributed-counter.create-table=true to create it at "
                + "start-up)" + NL + NL + ACTION);
    }

    @Test
    void accessKeyWithoutSecretKeyNamesTheMissingSecretKey(CapturedOutput output) {
        assertStartUpFails("distributed-counter.secret-key", "--distributed-counter.table=counters",
                "--distributed-counter.endpoint=http://127.0.0.1:1", "--distributed-counter.access-key=keyId");
        assertThat(output).contains(description("null", "distributed-counter.secret-key", "")
                + "must be set together with distributed-counter.access-key" + PAIR + NL + NL + ACTION);
    }

    @Test
    void secretKeyWithoutAccessKeyNamesTheMissingAccessKeyAndNeverShowsTheSecret(CapturedOutput output) {
        assertStartUpFails("distributed-counter.access-key", "--distributed-counter.table=counters",
                "--distributed-counter.endpoint=http://127.0.0.1:1", "--distributed-counter.secret-key=s3cr3tValue");
        assertThat(output).contains(description("null", "distributed-counter.access-key", "")
                + "must be set together with distributed-counter.secret-key" + PAIR + NL + NL + ACTION)
                .doesNotContain("s3cr3tValue");
    }

    @Test
    void invalidValueNamesThePropertyItsValueAndWhereItWasSet(CapturedOutput output) {
        assertStartUpFails("distributed-counter.max-batch-size", "--distributed-counter.table=counters",
                "--distributed-counter.endpoint=http://127.0.0.1:1", "--distributed-counter.max-batch-size=0");
        assertThat(output).contains(description("0", "distributed-counter.max-batch-size", " (originating from "
                + "'\"distributed-counter.max-batch-size\" from property source \"commandLineArgs\"')")
                + "must be at least 1" + NL + NL + ACTION);
    }

    @Test
    void clientPropertyNextToSpringCloudAwsClientNamesItAndNeverShowsTheSecret(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CloudApp.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).run("--distributed-counter.table=counters",
                        "--spring.cloud.aws.region.static=eu-central-1",
                        "--spring.cloud.aws.dynamodb.endpoint=http://127.0.0.1:1",
                        "--distributed-counter.access-key=keyId", "--distributed-counter.secret-key=s3cr3tValue")
                .close())
                .rootCause().isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains(description("keyId", "distributed-counter.access-key", " (originating from "
                + "'\"distributed-counter.access-key\" from property source \"commandLineArgs\"')")
                + "the counter uses the application's DynamoDbClient (bean 'dynamoDbClient'), which the "
                + "distributed-counter.* client properties do not configure. Configure that client instead (with "
                + "Spring Cloud AWS: spring.cloud.aws.region.static, spring.cloud.aws.dynamodb.endpoint, "
                + "spring.cloud.aws.credentials.*, or a DynamoDbClientCustomizer bean), or remove this property"
                + NL + NL + ACTION).doesNotContain("s3cr3tValue");
    }

    /** The start of Spring Boot's description of an invalid property, up to its reason. */
    private static String description(String value, String property, String origin) {
        return "Description:" + NL + NL + "Invalid value '" + value + "' for configuration property '" + property
                + "'" + origin + ". Validation failed for the following reason:" + NL + NL;
    }

    static void assertStartUpFails(String property, String... args) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).run(args).close())
                .rootCause().isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class)
                .extracting(e -> ((InvalidConfigurationPropertyValueException) e).getName()).isEqualTo(property);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DistributedCounterAutoConfiguration.class)
    static class App {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DistributedCounterAutoConfiguration.class, RegionProviderAutoConfiguration.class,
            CredentialsProviderAutoConfiguration.class, AwsAutoConfiguration.class, DynamoDbAutoConfiguration.class})
    static class CloudApp {
    }
}
