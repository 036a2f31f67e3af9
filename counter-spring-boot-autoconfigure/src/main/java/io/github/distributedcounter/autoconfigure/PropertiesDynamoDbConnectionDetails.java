package io.github.distributedcounter.autoconfigure;

import java.net.URI;

import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;

/**
 * {@link DynamoDbConnectionDetails} from {@link DistributedCounterProperties}; where they leave the region or the
 * credentials unset, from the application's {@link AwsRegionProvider} and {@link AwsCredentialsProvider} beans
 * (Spring Cloud AWS defines both), when it has them.
 */
class PropertiesDynamoDbConnectionDetails implements DynamoDbConnectionDetails {

    private final DistributedCounterProperties properties;
    private final AwsRegionProvider regionProvider;
    private final AwsCredentialsProvider credentialsProvider;

    /** {@code regionProvider} and {@code credentialsProvider} may be {@code null}. */
    PropertiesDynamoDbConnectionDetails(DistributedCounterProperties properties, AwsRegionProvider regionProvider,
            AwsCredentialsProvider credentialsProvider) {
        this.properties = properties;
        this.regionProvider = regionProvider;
        this.credentialsProvider = credentialsProvider;
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
        if (properties.getEndpoint() == null) {
            return regionProvider != null ? regionProvider.getRegion() : null;
        }
        // a local endpoint needs a region to sign with, whatever the providers know
        return regionProvider != null
                ? new AwsRegionProviderChain(regionProvider, () -> Region.US_EAST_1).getRegion()
                : Region.US_EAST_1;
    }

    @Override
    public AwsCredentialsProvider getCredentialsProvider() {
        if (StringUtils.hasText(properties.getAccessKey())) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(properties.getAccessKey(), properties.getSecretKey()));
        }
        return credentialsProvider;
    }
}
