package io.github.distributedcounter.autoconfigure.local;

import java.net.URI;

import io.github.distributedcounter.autoconfigure.DynamoDbConnectionDetails;
import io.github.distributedcounter.local.DynamoDbLocalServer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Connection to the DynamoDB Local server started in this JVM. */
class DynamoDbLocalConnectionDetails implements DynamoDbConnectionDetails {

    private final DynamoDbLocalServer server;

    DynamoDbLocalConnectionDetails(DynamoDbLocalServer server) {
        this.server = server;
    }

    @Override
    public URI getEndpoint() {
        return server.endpoint();
    }

    @Override
    public Region getRegion() {
        return DynamoDbLocalServer.REGION;
    }

    @Override
    public AwsCredentialsProvider getCredentialsProvider() {
        return DynamoDbLocalServer.credentialsProvider();
    }
}
