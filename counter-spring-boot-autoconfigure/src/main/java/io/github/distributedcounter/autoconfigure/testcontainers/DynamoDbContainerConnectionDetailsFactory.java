package io.github.distributedcounter.autoconfigure.testcontainers;

import java.net.URI;
import java.util.List;

import io.github.distributedcounter.autoconfigure.DynamoDbConnectionDetails;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.containers.GenericContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code @ServiceConnection} for a container that serves the DynamoDB API, whichever image it runs: name it with
 * {@code @ServiceConnection(name = "dynamodb")}. Containers of common DynamoDB-compatible images are recognised by
 * their image name without it (see {@link #CONNECTION_NAMES}). The counter connects to the container's first
 * exposed port over HTTP, in region us-east-1, with dummy static credentials (letters only, as some engines accept
 * nothing else).
 */
class DynamoDbContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<GenericContainer<?>, DynamoDbConnectionDetails> {

    /**
     * The service-connection name, then the image name (repository, without registry or tag) of a
     * DynamoDB-compatible engine that users commonly run in a container: Amazon's own local image, which this
     * project does not use but recognises when a user brings it.
     */
    static final List<String> CONNECTION_NAMES = List.of("dynamodb", "amazon/dynamodb-local");

    static final String ACCESS_KEY = "dummy";

    DynamoDbContainerConnectionDetailsFactory() {
        super(CONNECTION_NAMES);
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
            List<Integer> ports = container.getExposedPorts();
            if (ports.isEmpty()) {
                throw new IllegalStateException("The DynamoDB container " + container.getDockerImageName()
                        + " exposes no port: expose its DynamoDB port first, e.g. withExposedPorts(8000)");
            }
            return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(ports.get(0)));
        }

        @Override
        public Region getRegion() {
            return Region.US_EAST_1;
        }

        @Override
        public AwsCredentialsProvider getCredentialsProvider() {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY));
        }
    }
}
