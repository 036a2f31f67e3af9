package io.github.distributedcounter.autoconfigure;

import java.net.URI;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where the counter's DynamoDB is and how to sign in to it, for the client the counter builds. By default taken
 * from the {@code distributed-counter.*} properties (with the application's {@code AwsRegionProvider} and
 * {@code AwsCredentialsProvider} beans for what they leave unset), or from Spring Cloud AWS's
 * {@code AwsConnectionDetails}; the embedded DynamoDB emulator and Testcontainers supply their own.
 */
public interface DynamoDbConnectionDetails extends ConnectionDetails {

    /** The endpoint, or {@code null} for the region's AWS endpoint. */
    URI getEndpoint();

    /** The region, or {@code null} for the AWS SDK's region chain. */
    Region getRegion();

    /** The credentials, or {@code null} for the AWS SDK's default credentials chain. */
    AwsCredentialsProvider getCredentialsProvider();
}
