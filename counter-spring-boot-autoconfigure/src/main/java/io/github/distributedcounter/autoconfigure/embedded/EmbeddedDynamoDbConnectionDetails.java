package io.github.distributedcounter.autoconfigure.embedded;

import java.net.URI;

import io.github.distributedcounter.autoconfigure.DynamoDbConnectionDetails;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Connection to the DynamoDB emulator started in this JVM. */
class EmbeddedDynamoDbConnectionDetails implements DynamoDbConnectionDetails {

    private final DynamoDbEmulator emulator;

    EmbeddedDynamoDbConnectionDetails(DynamoDbEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public URI getEndpoint() {
        return emulator.endpoint();
    }

    @Override
    public Region getRegion() {
        return DynamoDbEmulator.REGION;
    }

    @Override
    public AwsCredentialsProvider getCredentialsProvider() {
        return DynamoDbEmulator.credentialsProvider();
    }
}
