package io.github.distributedcounter.emulator;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.github.distributedcounter.emulator.internal.Engine;
import io.github.distributedcounter.emulator.internal.HttpFront;
import io.github.distributedcounter.emulator.internal.Throttle;
import io.github.distributedcounter.emulator.internal.TokenBucketThrottle;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An in-memory engine that speaks DynamoDB's JSON protocol on a loopback port, for tests, local runs and
 * benchmarks. It keeps one database for every credential and region, nothing on disk, and listens on the
 * loopback address only. It is a test engine, not a production store: closing it discards its data.
 * <p>
 * Items whose time to live has passed are deleted by a background thread within about a second (DynamoDB takes
 * up to a few days); it stops when the engine closes.
 * <p>
 * Start it with {@link #start()} or {@link #builder()}; close it to stop it and free its port.
 * <p>
 * By default it admits every request at once. {@link Builder#awsLimits(boolean) awsLimits(true)} makes it
 * enforce DynamoDB's throughput limits instead (see {@link Limits}), so that a hot key is throttled as it
 * would be on AWS, and {@link Builder#latency(Duration, Duration) latency} adds a network round trip.
 */
public final class DynamoDbEmulator implements AutoCloseable {

    /** Region used by {@link #createClient()}; any region works, the database is shared. */
    public static final Region REGION = Region.US_EAST_1;

    private static final String DUMMY_ACCESS_KEY = "emulator";
    private static final String DUMMY_SECRET_KEY = "emulator";

    private final Engine engine;
    private final HttpFront front;
    private final Limits limits;
    private final URI endpoint;
    private volatile boolean running = true;

    private DynamoDbEmulator(Engine engine, HttpFront front, Limits limits) {
        this.engine = engine;
        this.front = front;
        this.limits = limits;
        this.endpoint = URI.create("http://" + front.address().getAddress().getHostAddress() + ":"
                + front.address().getPort());
    }

    /** Starts an engine on a free loopback port. */
    public static DynamoDbEmulator start() {
        return builder().start();
    }

    /**
     * Starts an engine on the given loopback port, or on a free one when {@code port} is 0.
     *
     * @throws IllegalArgumentException if the port is outside 0..65535
     * @throws IllegalStateException if the engine cannot start, for example because the port is taken
     */
    public static DynamoDbEmulator start(int port) {
        return builder().port(port).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint to give an AWS SDK client, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The port the engine listens on. */
    public int port() {
        return endpoint.getPort();
    }

    /** A new client for this engine with dummy static credentials; the caller closes it. */
    public DynamoDbClient createClient() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(REGION)
                .credentialsProvider(credentialsProvider()).build();
    }

    /** A new asynchronous client for this engine with dummy static credentials; the caller closes it. */
    public DynamoDbAsyncClient createAsyncClient() {
        return DynamoDbAsyncClient.builder().endpointOverride(endpoint).region(REGION)
                .credentialsProvider(credentialsProvider()).build();
    }

    /** Dummy static credentials; the engine accepts any. */
    public static StaticCredentialsProvider credentialsProvider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY));
    }

    /** The throughput limits the engine enforces, or empty when it admits every request. */
    public Optional<Limits> limits() {
        return Optional.ofNullable(limits);
    }

    /**
     * How many requests the engine has answered with a throttling error ({@code ThrottlingException} or
     * {@code ProvisionedThroughputExceededException}) since it started; always 0 without {@link #limits()}. Each
     * attempt of the AWS SDK is a request, so this is what a client's count of throttled attempts should equal. A
     * BatchGetItem that returns some of its keys in {@code UnprocessedKeys} is not counted.
     */
    public long throttledRequests() {
        return engine.throttledRequests();
    }

    /** Whether the engine is accepting requests. */
    public boolean isRunning() {
        return running;
    }

    /** Stops the engine and its time-to-live sweeper, frees its port and discards its data. */
    @Override
    public void close() {
        running = false;
        front.close();
        engine.close();
    }

    /** Settings of an engine before it starts. */
    public static final class Builder {

        private int port;
        private Duration latency = Duration.ZERO;
        private Duration jitter = Duration.ZERO;
        private Limits limits;
        private boolean omitItemOnConditionFailure;

        private Builder() {
        }

        /** The loopback port, or 0 (the default) for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * A round trip added to every response, plus or minus up to {@code jitter} (uniform), to model a client
         * in the same region as the table (e.g. 4 ms ± 1 ms). None by default.
         */
        public Builder latency(Duration latency, Duration jitter) {
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(jitter, "jitter");
            if (latency.isNegative() || jitter.isNegative() || jitter.compareTo(latency) > 0) {
                throw new IllegalArgumentException("latency and jitter must not be negative and jitter must not "
                        + "exceed latency, were " + latency + " and " + jitter);
            }
            this.latency = latency;
            this.jitter = jitter;
            return this;
        }

        /**
         * Enforces DynamoDB's throughput limits, {@link Limits#aws()}: 1,000 write units and 3,000 read units per
         * second per partition key, and a provisioned table's capacity with 300 seconds of burst. Requests past
         * them are answered with DynamoDB's throttling errors and write nothing: a {@code ThrottlingException}
         * on an on-demand table, a {@code ProvisionedThroughputExceededException} on a provisioned one. Off by
         * default; {@code false} turns limits off again, {@link #limits(Limits)} sets other numbers.
         */
        public Builder awsLimits(boolean awsLimits) {
            this.limits = awsLimits ? Limits.aws() : null;
            return this;
        }

        /**
         * Enforces these throughput limits, e.g. {@code Limits.aws().withoutBurst()} or
         * {@code Limits.perKey(100, 300)}; see {@link #awsLimits(boolean)}.
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * A fault for testing clients, off by default: with {@code true} a PutItem, UpdateItem or DeleteItem whose condition fails is answered
         * with {@code ConditionalCheckFailedException} but without the item, even where the request asked for it
         * with {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}, so that a client can be shown not to rely on
         * getting it. DynamoDB itself returns the item when asked.
         */
        public Builder omitItemOnConditionFailure(boolean omit) {
            this.omitItemOnConditionFailure = omit;
            return this;
        }

        /**
         * Starts the engine.
         *
         * @throws IllegalStateException if it cannot start, for example because the port is taken
         */
        public DynamoDbEmulator start() {
            Throttle throttle = limits == null ? Throttle.NONE
                    : new TokenBucketThrottle(limits.writeUnitsPerSecond(), limits.readUnitsPerSecond(),
                            limits.burstSeconds(), limits.burstOnPartitionKeys(), System::nanoTime);
            Engine engine = new Engine(Clock.systemUTC(), throttle);
            engine.omitItemOnConditionFailure(omitItemOnConditionFailure);
            try {
                HttpFront front = new HttpFront(engine, port, latency, jitter);
                engine.startTimeToLiveSweeper();
                return new DynamoDbEmulator(engine, front, limits);
            } catch (IOException e) {
                engine.close();
                throw new IllegalStateException("Could not start the DynamoDB emulator on loopback port " + port, e);
            }
        }
    }
}
