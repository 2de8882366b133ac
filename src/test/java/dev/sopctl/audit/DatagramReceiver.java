package dev.sopctl.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Unix datagram socket bound at a path, as syslog's /dev/log is, and everything sent to it.
 * The JDK cannot bind one (it has Unix stream sockets only), so a python3 process binds it and
 * prints each datagram as one line.
 */
public final class DatagramReceiver implements AutoCloseable {
    private static final String SCRIPT = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind(sys.argv[1])
            print("ready", flush=True)
            while True:
                d = s.recv(65536)
                print(d.decode("utf-8", "replace").rstrip("\\n").replace("\\n", "\\\\n"), flush=True)
            """;

    private final Process process;
    private final List<String> received = new ArrayList<>();

    public DatagramReceiver(Path socket) throws IOException, InterruptedException {
        process = new ProcessBuilder("python3", "-c", SCRIPT, socket.toString()).redirectErrorStream(true).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = in.readLine();
        if (!"ready".equals(first)) {
            throw new IOException("python3 could not bind " + socket + ": " + first);
        }
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (received) {
                        received.add(line);
                        received.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the receiver ended
            }
        }, "datagram-receiver");
        reader.setDaemon(true);
        reader.start();
    }

    /** What arrived so far, after waiting up to 10 s for at least {@code count} datagrams. */
    public List<String> await(int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (received) {
            while (received.size() < count && System.nanoTime() < end) {
                received.wait(200);
            }
            return List.copyOf(received);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
