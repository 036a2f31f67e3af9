package io.github.distributedcounter.local;

import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * Amazon DynamoDB Local running in this JVM, in memory, on a loopback port.
 * <p>
 * The server keeps one database for every credential and region ({@code -sharedDb}), sends no telemetry,
 * and accepts connections from this machine only: DynamoDB Local itself has no host option and would
 * listen on every interface. Start it with {@link #start()} or {@link #start(int)}; close it to stop it
 * and discard its data.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    /** Region used by {@link #createClient()}; any region works, the database is shared. */
    public static final Region REGION = Region.US_EAST_1;

    private static final String DUMMY_ACCESS_KEY = "local";
    private static final String DUMMY_SECRET_KEY = "local";

    private final Server jetty;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;

    private DynamoDbLocalServer(Server jetty, LocalDynamoDBServerHandler handler, URI endpoint) {
        this.jetty = jetty;
        this.handler = handler;
        this.endpoint = endpoint;
    }

    /** Starts a server on a free loopback port. */
    public static DynamoDbLocalServer start() {
        return start(0);
    }

    /**
     * Starts a server on the given loopback port, or on a free one when {@code port} is 0.
     *
     * @throws IllegalArgumentException if the port is outside 0..65535
     * @throws IllegalStateException if the server cannot start, for example because the port is taken
     */
    public static DynamoDbLocalServer start(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        LocalDynamoDBServerHandler handler;
        try {
            handler = new LocalDynamoDBServerHandler(
                    new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the DynamoDB Local database", e);
        }
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new DynamoDBProxyServer(port, handler).setUpHandler(handler));
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty, handler);
            throw new IllegalStateException("Could not start DynamoDB Local on loopback port " + port, e);
        }
        URI endpoint = URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort());
        return new DynamoDbLocalServer(jetty, handler, endpoint);
    }

    /** The endpoint to give an AWS SDK client, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The port the server listens on. */
    public int port() {
        return endpoint.getPort();
    }

    /**
     * A new client for this server with dummy static credentials; the caller closes it.
     */
    public DynamoDbClient createClient() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentialsProvider())
                .build();
    }

    /** Dummy static credentials; DynamoDB Local accepts any. */
    public static StaticCredentialsProvider credentialsProvider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY));
    }

    /** Whether the server is accepting requests. */
    public boolean isRunning() {
        return jetty.isRunning();
    }

    /** Stops the server and discards its data. */
    @Override
    public void close() {
        stopQuietly(jetty, handler);
    }

    private static void stopQuietly(Server jetty, LocalDynamoDBServerHandler handler) {
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping is best effort; the port is released with the JVM at the latest
        }
        Objects.requireNonNull(handler).close();
    }
}
