package io.github.distributedcounter.emulator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * DynamoDB's JSON 1.0 protocol over HTTP on a loopback address: {@code POST /} with
 * {@code X-Amz-Target: DynamoDB_20120810.<Operation>}, signed (any signature is accepted), answered in
 * {@code application/x-amz-json-1.0} with the body's CRC32 checksum in {@code x-amz-crc32}. Served by the JDK's
 * own HTTP server: it starts in about a quarter of the time Netty's took and costs less engine CPU per request
 * than the AWS SDK client spends (see the README's engine figures). An added round trip holds the response on a
 * timer, not a thread.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html">
 *     DynamoDB low-level API</a>
 */
public final class HttpFront implements AutoCloseable {

    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    static {
        // small responses go out at once rather than waiting on the client's delayed acknowledgement
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Engine engine;
    private final HttpServer server;
    private final ExecutorService executor;
    /** Holds responses for the added round trip, so that waiting requests hold no thread. */
    private final ScheduledExecutorService delays;
    private final long latencyNanos;
    private final long jitterNanos;

    /**
     * Starts serving on the loopback address; {@code port} 0 picks a free port.
     *
     * @throws IOException if the port cannot be bound
     */
    public HttpFront(Engine engine, int port, Duration latency, Duration jitter) throws IOException {
        this.engine = engine;
        this.latencyNanos = latency.toNanos();
        this.jitterNanos = jitter.toNanos();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "dynamodb-emulator-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.delays = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dynamodb-emulator-latency");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body;
        try {
            body = exchange.getRequestBody().readAllBytes();
        } catch (IOException e) {
            exchange.close();
            throw e;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            respond(exchange, 200, "healthy: dynamodb emulator".getBytes(StandardCharsets.UTF_8));
            return;
        }
        int status = 200;
        byte[] response;
        try {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw ServiceError.unknownOperation();
            }
            response = engine.handle(target.substring(TARGET_PREFIX.length()), body, signed(exchange));
        } catch (ServiceError error) {
            status = error.status();
            response = Engine.errorBody(error);
        } catch (RuntimeException e) {
            status = 500;
            response = Engine.errorBody(new ServiceError("com.amazonaws.dynamodb.v20120810#InternalServerError",
                    "Internal server error: " + e, 500, null, null));
        }
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        CRC32 crc = new CRC32();
        crc.update(response);
        exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
        long delay = delayNanos();
        if (delay <= 0) {
            respond(exchange, status, response);
            return;
        }
        int delayedStatus = status;
        byte[] delayedResponse = response;
        delays.schedule(() -> {
            try {
                respond(exchange, delayedStatus, delayedResponse);
            } catch (IOException e) {
                // the client went away while its response waited
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    /** Whether the request carries a signature, in its Authorization header or its query; it is not checked. */
    private static boolean signed(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return exchange.getRequestHeaders().getFirst("Authorization") != null
                || (query != null && query.contains("X-Amz-Algorithm"));
    }

    private static void respond(HttpExchange exchange, int status, byte[] response) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(status, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    private long delayNanos() {
        if (latencyNanos <= 0) {
            return 0;
        }
        return jitterNanos <= 0 ? latencyNanos
                : latencyNanos + ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1);
    }

    /** Stops serving and frees the port. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        delays.shutdownNow();
    }
}
