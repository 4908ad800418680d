package vn.tdkt.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (PostgreSQL, SMTP), that a fault test can cut: while cut,
 * open connections are dropped and new ones refused, as when the server becomes unreachable. In front of an SMTP
 * server it can also drop a connection just after the client sent a message's end of data ({@code CRLF.CRLF}):
 * the server has accepted the mail, but the client never reads its reply.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private final AtomicInteger dropsAfterData = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger droppedAfterData = new AtomicInteger();

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::acceptLoop, "tcp-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    public void restore() {
        cut = false;
    }

    /** The next {@code n} SMTP messages: the connection is dropped once the server has the end of data. */
    public void dropAfterSmtpData(int n) {
        dropsAfterData.set(n);
    }

    /** Connections refused while cut. */
    public int refused() {
        return refused.get();
    }

    /** Connections dropped after the end of an SMTP message's data. */
    public int droppedAfterData() {
        return droppedAfterData.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    refused.incrementAndGet();
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                AtomicBoolean mute = new AtomicBoolean();
                pump(client, upstream, true, mute);
                pump(upstream, client, false, mute);
            } catch (IOException e) {
                // accept failed (closed) or upstream refused: the client sees a dropped connection
            }
        }
    }

    /**
     * Copies {@code from} to {@code to}. After an end of data marked for dropping ({@code mute}), the server's
     * reply is not passed on: the connection is closed as soon as the reply arrives, so the server has taken the
     * message in and the client never learns it.
     */
    private void pump(Socket from, Socket to, boolean fromClient, AtomicBoolean mute) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            long tail = 0; // the last 5 bytes seen, to find CRLF.CRLF across reads
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (fromClient && dropsAfterData.get() > 0) {
                        boolean endOfData = false;
                        for (int i = 0; i < n; i++) {
                            tail = ((tail << 8) | (buf[i] & 0xff)) & 0xff_ffff_ffffL;
                            endOfData |= tail == 0x0d_0a2e_0d0aL;
                        }
                        if (endOfData && dropsAfterData.getAndDecrement() > 0) {
                            mute.set(true); // the server's reply to this end of data never reaches the client
                        }
                    }
                    if (mute.get() && !fromClient) {
                        droppedAfterData.incrementAndGet();
                        break;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection ended
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
    }
}
