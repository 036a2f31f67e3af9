package io.github.distributedcounter.autoconfigure.testcontainers;

import java.net.URI;

import io.github.distributedcounter.autoconfigure.DynamoDbConnectionDetails;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.containers.GenericContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code @ServiceConnection} for a container of the {@code amazon/dynamodb-local} image, listening on port 8000.
 */
class DynamoDbLocalContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<GenericContainer<?>, DynamoDbConnectionDetails> {

    static final int PORT = 8000;

    DynamoDbLocalContainerConnectionDetailsFactory() {
        super("amazon/dynamodb-local");
    }

    @Override
    protected DynamoDbConnectionDetails getContainerConnectionDetails(
            ContainerConnectionSource<GenericContainer<?>> source) {
        return new ContainerDetails(source);
    }

    private static final class ContainerDetails extends ContainerConnectionDetails<GenericContainer<?>>
            implements DynamoDbConnectionDetails {

        ContainerDetails(ContainerConnectionSource<GenericContainer<?>> source) {
            super(source);
        }

        @Override
        public URI getEndpoint() {
            GenericContainer<?> container = getContainer();
            return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
        }

        @Override
        public Region getRegion() {
            return Region.US_EAST_1;
        }

        @Override
        public AwsCredentialsProvider getCredentialsProvider() {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
    }
}
