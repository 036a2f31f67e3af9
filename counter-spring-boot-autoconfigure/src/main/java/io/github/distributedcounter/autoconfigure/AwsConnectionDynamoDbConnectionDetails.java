package io.github.distributedcounter.autoconfigure;

import java.net.URI;

import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@link DynamoDbConnectionDetails} from Spring Cloud AWS's {@link AwsConnectionDetails} (LocalStack through
 * {@code @ServiceConnection} or Docker Compose, for example); what it leaves unset comes from {@code fallback}.
 */
class AwsConnectionDynamoDbConnectionDetails implements DynamoDbConnectionDetails {

    private final AwsConnectionDetails connection;
    private final DynamoDbConnectionDetails fallback;

    AwsConnectionDynamoDbConnectionDetails(AwsConnectionDetails connection, DynamoDbConnectionDetails fallback) {
        this.connection = connection;
        this.fallback = fallback;
    }

    @Override
    public URI getEndpoint() {
        return connection.getEndpoint() != null ? connection.getEndpoint() : fallback.getEndpoint();
    }

    @Override
    public Region getRegion() {
        return StringUtils.hasText(connection.getRegion()) ? Region.of(connection.getRegion())
                : fallback.getRegion();
    }

    @Override
    public AwsCredentialsProvider getCredentialsProvider() {
        if (StringUtils.hasText(connection.getAccessKey()) && StringUtils.hasText(connection.getSecretKey())) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(connection.getAccessKey(), connection.getSecretKey()));
        }
        return fallback.getCredentialsProvider();
    }
}
