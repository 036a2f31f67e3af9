package io.github.distributedcounter;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.github.distributedcounter.emulator.DynamoDbEmulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A loopback HTTP/1.1 proxy between the AWS SDK and the DynamoDB emulator that injects faults per request, chosen by a
 * {@link Policy} from the request's DynamoDB operation:
 * <ul>
 * <li>{@link Fault#CUT_AFTER_APPLY}: forward the request, wait for DynamoDB's response, then close the client's
 * connection without it — the write happened, the client cannot know;</li>
 * <li>{@link Fault#RESET}: reset the client's connection without forwarding;</li>
 * <li>{@link Fault#DELAY}: forward after a pause;</li>
 * <li>{@link Fault#THROTTLE}: answer with DynamoDB's ProvisionedThroughputExceededException without forwarding;</li>
 * <li>{@link Fault#REJECT}: answer with DynamoDB's ValidationException without forwarding.</li>
 * </ul>
 * {@link #setDown(boolean)} makes DynamoDB unreachable: every connection is reset until it is set up again.
 */
public final class FaultInjectingProxy implements Closeable {

    public enum Fault { NONE, CUT_AFTER_APPLY, RESET, DELAY, THROTTLE, REJECT }

    /** Chooses the fault for one request. */
    @FunctionalInterface
    public interface Policy {
        Fault choose(String operation);
    }

    private static final byte[] THROTTLE_RESPONSE = errorResponse("ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded. (injected)");
    private static final byte[] REJECT_RESPONSE = errorResponse("ValidationException",
            "The provided expression refers to an attribute that does not exist in the item (injected)");

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Policy policy = operation -> Fault.NONE;
    private volatile long delayMillis = 50;
    private volatile boolean down;

    public FaultInjectingProxy(URI upstream) throws IOException {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicInteger());
        }
        Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** A client that sends through this proxy, giving up an attempt after {@code attemptTimeout}. */
    public DynamoDbClient createClient(Duration attemptTimeout) {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(DynamoDbEmulator.REGION)
                .credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(attemptTimeout)).build();
    }

    /**
     * A policy that numbers UpdateItem requests from 1 and gives each the fault {@code faults} chooses for its
     * number, before it is forwarded; every other request gets none.
     */
    public static Policy numberedUpdates(IntFunction<Fault> faults) {
        AtomicInteger updates = new AtomicInteger();
        return operation -> operation.endsWith("UpdateItem") ? faults.apply(updates.incrementAndGet()) : Fault.NONE;
    }

    public void setPolicy(Policy policy) {
        this.policy = policy;
    }

    public void setDelayMillis(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    /** While down, every connection is reset at once, as if DynamoDB were gone. */
    public void setDown(boolean down) {
        this.down = down;
        if (down) {
            open.forEach(FaultInjectingProxy::reset);
        }
    }

    /** How many requests got {@code fault}. */
    public int injected(Fault fault) {
        return injected.get(fault).get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(FaultInjectingProxy::reset);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down) {
                    reset(client);
                    continue;
                }
                open.add(client);
                Thread handler = new Thread(() -> serve(client), "fault-proxy-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket server = null;
        try {
            InputStream fromClient = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            while (true) {
                Message request = Message.read(fromClient);
                if (request == null || down) {
                    return;
                }
                Fault fault = policy.choose(request.header("x-amz-target"));
                injected.get(fault).incrementAndGet();
                if (fault == Fault.RESET) {
                    return;
                }
                if (fault == Fault.THROTTLE || fault == Fault.REJECT) {
                    toClient.write(fault == Fault.THROTTLE ? THROTTLE_RESPONSE : REJECT_RESPONSE);
                    toClient.flush();
                    continue;
                }
                if (fault == Fault.DELAY) {
                    Thread.sleep(delayMillis);
                }
                if (server == null) {
                    server = new Socket();
                    server.connect(upstream);
                }
                server.getOutputStream().write(request.bytes);
                server.getOutputStream().flush();
                Message response = Message.read(server.getInputStream());
                if (response == null || fault == Fault.CUT_AFTER_APPLY || down) {
                    return;
                }
                toClient.write(response.bytes);
                toClient.flush();
            }
        } catch (IOException | InterruptedException e) {
            // connection gone; the client sees a broken connection, as with a real fault
        } finally {
            open.remove(client);
            reset(client);
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // closing a socket the other side may have closed
                }
            }
        }
    }

    private static byte[] errorResponse(String type, String message) {
        byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message
                + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "x-amzn-RequestId: injected\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** One HTTP/1.1 message with a Content-Length body, as raw bytes. */
    private static final class Message {

        final byte[] bytes;
        final String head;

        private Message(byte[] bytes, String head) {
            this.bytes = bytes;
            this.head = head;
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    String value = line.substring(colon + 1).trim();
                    int dot = value.lastIndexOf('.');
                    return dot >= 0 ? value.substring(dot + 1) : value;
                }
            }
            return "";
        }

        static Message read(InputStream in) throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b;
                try {
                    b = in.read();
                } catch (SocketException closed) {
                    return null;
                }
                if (b < 0) {
                    return null;
                }
                buffer.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String head = buffer.toString(StandardCharsets.US_ASCII);
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            buffer.write(in.readNBytes(length));
            return new Message(buffer.toByteArray(), head);
        }
    }
}
