package io.github.distributedcounter.emulator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
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
 * {@code application/x-amz-json-1.0} with the body's CRC32 checksum in {@code x-amz-crc32}.
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
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            byte[] response;
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                respond(exchange, 200, "healthy: dynamodb emulator".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
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
            delay();
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            CRC32 crc = new CRC32();
            crc.update(response);
            exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
            respond(exchange, status, response);
        }
    }

    /** Whether the request carries a signature, in its Authorization header or its query; it is not checked. */
    private static boolean signed(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return exchange.getRequestHeaders().getFirst("Authorization") != null
                || (query != null && query.contains("X-Amz-Algorithm"));
    }

    private static void respond(HttpExchange exchange, int status, byte[] response) throws IOException {
        exchange.sendResponseHeaders(status, response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }

    private void delay() {
        if (latencyNanos <= 0 && jitterNanos <= 0) {
            return;
        }
        long nanos = latencyNanos;
        if (jitterNanos > 0) {
            nanos += ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1);
        }
        if (nanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops serving and frees the port. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
