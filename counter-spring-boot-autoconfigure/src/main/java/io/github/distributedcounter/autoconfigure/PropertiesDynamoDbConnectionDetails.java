package io.github.distributedcounter.autoconfigure;

import java.net.URI;

import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** {@link DynamoDbConnectionDetails} from {@link DistributedCounterProperties}. */
class PropertiesDynamoDbConnectionDetails implements DynamoDbConnectionDetails {

    private final DistributedCounterProperties properties;

    PropertiesDynamoDbConnectionDetails(DistributedCounterProperties properties) {
        this.properties = properties;
    }

    @Override
    public URI getEndpoint() {
        return properties.getEndpoint();
    }

    @Override
    public Region getRegion() {
        if (StringUtils.hasText(properties.getRegion())) {
            return Region.of(properties.getRegion());
        }
        return properties.getEndpoint() != null ? Region.US_EAST_1 : null;
    }

    @Override
    public AwsCredentialsProvider getCredentialsProvider() {
        boolean accessKey = StringUtils.hasText(properties.getAccessKey());
        boolean secretKey = StringUtils.hasText(properties.getSecretKey());
        if (accessKey != secretKey) {
            throw new IllegalStateException("Set both distributed-counter.access-key and "
                    + "distributed-counter.secret-key, or neither");
        }
        return accessKey ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create(properties.getAccessKey(), properties.getSecretKey())) : null;
    }
}
