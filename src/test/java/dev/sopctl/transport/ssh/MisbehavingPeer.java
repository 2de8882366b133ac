package dev.sopctl.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on a free loopback port that is not (or not only) an SSH server: each accepted
 * connection is handed to a script that writes whatever it likes until the client goes away.
 */
final class MisbehavingPeer implements AutoCloseable {
    interface Script {
        void run(Socket client) throws Exception;
    }

    private final ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    MisbehavingPeer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    clients.add(s);
                    Thread t = new Thread(() -> {
                        try (s) {
                            script.run(s);
                        } catch (Exception gone) {
                            // the client closed the connection: what these peers wait for
                        }
                    }, "misbehaving-peer");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "misbehaving-peer-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** {@code line} (with CRLF) every {@code millis} ms, forever. */
    static Script linesEvery(String line, long millis) {
        return s -> {
            OutputStream out = s.getOutputStream();
            while (true) {
                out.write((line + "\r\n").getBytes());
                out.flush();
                Thread.sleep(millis);
            }
        };
    }

    /** Bytes without a newline as fast as the client takes them, forever. */
    static Script endlessLine() {
        return s -> {
            OutputStream out = s.getOutputStream();
            byte[] chunk = "A".repeat(4096).getBytes();
            while (true) {
                out.write(chunk);
            }
        };
    }

    /** {@code count} lines at once, then a real server's identification, then silence. */
    static Script linesThenIdentification(int count) {
        return s -> {
            OutputStream out = s.getOutputStream();
            out.write("not ssh yet\r\n".repeat(count).getBytes());
            out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes());
            out.flush();
            s.getInputStream().transferTo(OutputStream.nullOutputStream());
        };
    }

    /** Some lines, then everything relayed both ways to a real SSH server on {@code port}. */
    static Script linesThenRelayTo(int port, String... lines) {
        return s -> {
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = s.getOutputStream();
                for (String line : lines) {
                    out.write((line + "\r\n").getBytes());
                }
                out.flush();
                Thread up = new Thread(() -> pump(s, upstream), "misbehaving-peer-up");
                up.setDaemon(true);
                up.start();
                pump(upstream, s);
            }
        };
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            in.transferTo(to.getOutputStream());
        } catch (IOException closed) {
            // either side went away
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : clients) {
            s.close();
        }
    }
}
