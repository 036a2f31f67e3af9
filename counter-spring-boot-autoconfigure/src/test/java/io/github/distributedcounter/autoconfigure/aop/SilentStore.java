package io.github.distributedcounter.autoconfigure.aop;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A DynamoDB endpoint on loopback that accepts connections and never answers. */
final class SilentStore implements Closeable {

    private final ServerSocket listener;
    private final Set<Socket> accepted = ConcurrentHashMap.newKeySet();

    SilentStore() throws IOException {
        listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "silent-store-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An endpoint on loopback where nothing listens: every connection is refused. */
    static URI refusingEndpoint() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + free.getLocalPort());
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                accepted.add(listener.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
