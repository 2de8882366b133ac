package dev.sopctl.transport.ssh;

import static dev.sopctl.transport.ssh.SshjTransportTest.assertGone;
import static dev.sopctl.transport.ssh.SshjTransportTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.ByteStreams;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link SshjTransport#exec} with {@link ByteStreams}, against the in-process server running real commands. */
class SshjByteStreamsTest {
    @RegisterExtension
    final SshServerExtension sshd = new SshServerExtension();

    @TempDir
    Path dir;

    private static final int SIZE = 50 * 1024 * 1024;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private SshjTransport ssh;
    private Inventory inv;

    private SshjTransport transport() throws Exception {
        sshd.server().authorize(TestInventories.key("id_ed25519.pub"));
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, sshd.server().knownHostsLine() + "\n");
        inv = new TestInventories(kh).host("node1", sshd.server().port()).host("node2", sshd.server().port()).build();
        ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()));
        return ssh;
    }

    private Host host(String name) {
        return inv.host(name).orElseThrow();
    }

    private static RemoteCommand cmd(String command) {
        return new RemoteCommand(command, MINUTE);
    }

    @Test
    void stdoutArrivesByteForByteAndStderrStillAsLines() throws Exception {
        Path src = randomFile("src", SIZE);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Sha256Sink sink = new Sha256Sink();
        try (SshjTransport ssh = transport()) {
            ExecResult r = ssh.exec(host("node1"), cmd("cat " + src + "; echo done >&2"),
                    (stream, line) -> lines.add(stream + " " + line), ByteStreams.stdout(sink));

            assertThat(r.exitStatus()).isZero();
            assertThat(sink.count).isEqualTo(SIZE);
            assertThat(sink.hex()).isEqualTo(sha256(src));
            assertThat(sink.closed).isFalse();
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).isEqualTo("done\n");
            assertThat(lines).containsExactly("STDERR done");
        }
    }

    @Test
    void stdinIsSentToTheEndAndTheCommandSeesEndOfFile() throws Exception {
        Path src = randomFile("src", SIZE);
        Path dst = dir.resolve("dst");
        try (SshjTransport ssh = transport(); InputStream in = new CloseRecording(Files.newInputStream(src))) {
            ExecResult r = ssh.exec(host("node1"), cmd("cat > " + dst + " && wc -c < " + dst), OutputListener.NONE,
                    ByteStreams.stdin(in));

            assertThat(r.exitStatus()).isZero();
            assertThat(r.stdout().strip()).isEqualTo(String.valueOf(SIZE));
            assertThat(Files.mismatch(src, dst)).isEqualTo(-1);
            assertThat(((CloseRecording) in).closed).isFalse();
        }
    }

    @Test
    void anEmptyStdinIsJustEndOfFile() throws Exception {
        try (SshjTransport ssh = transport()) {
            ExecResult r = ssh.exec(host("node1"), cmd("wc -c"), OutputListener.NONE,
                    ByteStreams.stdin(InputStream.nullInputStream()));

            assertThat(r.stdout().strip()).isEqualTo("0");
        }
    }

    @Test
    void relaysFromOneHostToAnotherThroughAPipe() throws Exception {
        Path src = randomFile("src", SIZE);
        Path dst = dir.resolve("dst.partial");
        Pipe pipe = Pipe.open();
        try (SshjTransport ssh = transport()) {
            CompletableFuture<ExecResult> receiving = CompletableFuture.supplyAsync(() -> call(() ->
                    ssh.exec(host("node2"), cmd("cat > " + dst), OutputListener.NONE,
                            ByteStreams.stdin(Channels.newInputStream(pipe.source())))));
            ExecResult sent;
            try (OutputStream toPipe = Channels.newOutputStream(pipe.sink())) {
                sent = ssh.exec(host("node1"), cmd("cat " + src), OutputListener.NONE, ByteStreams.stdout(toPipe));
            }
            ExecResult received = receiving.get(60, TimeUnit.SECONDS);

            assertThat(sent.exitStatus()).isZero();
            assertThat(received.exitStatus()).isZero();
            assertThat(Files.mismatch(src, dst)).isEqualTo(-1);
            assertThat(sshd.server().connections()).isEqualTo(2);
        } finally {
            pipe.source().close();
        }
    }

    @Test
    void aReceiverThatGoesAwayStopsTheRemoteCommand() throws Exception {
        Path pidFile = dir.resolve("cat.pid");
        OutputStream breaksAfterOneMegabyte = new OutputStream() {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written >= 1024 * 1024) {
                    throw new IOException("Broken pipe");
                }
                written += len;
            }
        };
        try (SshjTransport ssh = transport()) {
            long t0 = System.nanoTime();
            TransportException e = catchThrowableOfType(TransportException.class, () -> ssh.exec(host("node1"),
                    cmd("echo $$ > " + pidFile + ".sh; cat /dev/zero & echo $! > " + pidFile + "; wait"),
                    OutputListener.NONE, ByteStreams.stdout(breaksAfterOneMegabyte)));

            assertThat(e.kind()).isEqualTo(Kind.RECEIVER_GONE);
            assertThat(e.exitCode()).isEqualTo(ExitCode.CRITICAL);
            assertThat(e.getMessage()).contains("node1", "could not be delivered", "cat /dev/zero", "Broken pipe");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertGone(pid(pidFile));
            assertGone(pid(Path.of(pidFile + ".sh")));
            assertThat(ssh.exec(host("node1"), cmd("echo next"), OutputListener.NONE).stdout()).isEqualTo("next\n");
        }
    }

    @Test
    void aCommandThatEndsBeforeReadingAllOfStdinReportsItsOwnExit() throws Exception {
        try (SshjTransport ssh = transport()) {
            long t0 = System.nanoTime();
            ExecResult r = ssh.exec(host("node1"), cmd("head -c 1000 >/dev/null; exit 3"), OutputListener.NONE,
                    ByteStreams.stdin(new Zeros()));

            assertThat(r.exitStatus()).isEqualTo(3);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aCommandThatEndsWhileTheWindowIsShutReturnsAtOnce() throws Exception {
        Path pidFile = dir.resolve("sleep.pid");
        try (SshjTransport ssh = transport()) {
            // a child keeps stdin open without reading it: the server's buffer fills and the window
            // stays shut while the command exits and the server closes the channel
            long t0 = System.nanoTime();
            ExecResult r = ssh.exec(host("node1"),
                    cmd("exec 3<&0; sleep 30 <&3 >/dev/null 2>&1 3<&- & echo $! > " + pidFile + "; sleep 1; exit 4"),
                    OutputListener.NONE, ByteStreams.stdin(new Zeros()));

            assertThat(r.exitStatus()).isEqualTo(4);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
            assertThat(ssh.exec(host("node1"), cmd("echo next"), OutputListener.NONE).stdout()).isEqualTo("next\n");
        } finally {
            ProcessHandle.of(pid(pidFile)).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void aStdinThatFailsStopsTheCommandWithoutEndOfFile() throws Exception {
        Path pidFile = dir.resolve("cat.pid");
        Path dst = dir.resolve("dst");
        InputStream failsAfterOneMegabyte = new InputStream() {
            long read;

            @Override
            public int read() throws IOException {
                byte[] b = new byte[1];
                return read(b, 0, 1) < 0 ? -1 : b[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 1024 * 1024) {
                    throw new IOException("source broke");
                }
                read += len;
                return len;
            }
        };
        try (SshjTransport ssh = transport()) {
            TransportException e = catchThrowableOfType(TransportException.class, () -> ssh.exec(host("node1"),
                    cmd("echo $$ > " + pidFile + "; cat > " + dst + " && touch " + dst + ".complete"),
                    OutputListener.NONE, ByteStreams.stdin(failsAfterOneMegabyte)));

            assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
            assertThat(e.getMessage()).contains("node1", "could not be read", "cat > " + dst, "source broke");
            assertGone(pid(pidFile));
            assertThat(Path.of(dst + ".complete")).as("cat saw no end of file").doesNotExist();
        }
    }

    @Test
    void aTimeoutStopsTheCommandWhileStdinIsBlocked() throws Exception {
        Path pidFile = dir.resolve("cat.pid");
        Pipe pipe = Pipe.open(); // nobody writes: the pump blocks in read
        try (SshjTransport ssh = transport()) {
            long t0 = System.nanoTime();
            Sha256Sink sink = new Sha256Sink();
            TransportException e = catchThrowableOfType(TransportException.class, () -> ssh.exec(host("node1"),
                    new RemoteCommand("echo $$ > " + pidFile + "; exec cat", Duration.ofSeconds(1)),
                    OutputListener.NONE, new ByteStreams(Channels.newInputStream(pipe.source()), sink)));

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.exitCode()).isEqualTo(ExitCode.CRITICAL);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertGone(pid(pidFile));
            assertThat(pipe.source().isOpen()).as("the caller's stream is not closed").isTrue();
            // data arriving later is not sent anywhere: the pump drops it and ends
            pipe.sink().write(java.nio.ByteBuffer.wrap("late\n".getBytes()));
            assertThat(ssh.exec(host("node1"), cmd("echo next"), OutputListener.NONE).stdout()).isEqualTo("next\n");
            assertThat(sink.count).isZero();
        } finally {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    @Test
    void interruptingTheCallerStopsTheCommandAndItsPumps() throws Exception {
        Path pidFile = dir.resolve("cat.pid");
        Pipe pipe = Pipe.open();
        Sha256Sink sink = new Sha256Sink();
        try (SshjTransport ssh = transport()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    ssh.exec(host("node1"), cmd("cat /dev/zero & echo $! > " + pidFile + "; wait"), OutputListener.NONE,
                            new ByteStreams(Channels.newInputStream(pipe.source()), sink));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            caller.start();
            waitFor(() -> sink.count > 1024 * 1024 && Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
            caller.interrupt();
            caller.join(10_000);

            assertThat(caller.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertGone(pid(pidFile));
            assertThat(pipe.source().isOpen()).as("the caller's stream is not closed").isTrue();
            long after = sink.count;
            Thread.sleep(200);
            assertThat(sink.count).as("nothing written after exec returned").isEqualTo(after);
        } finally {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    private Path randomFile(String name, int size) throws IOException {
        Path p = dir.resolve(name);
        Random random = new Random(42);
        byte[] buf = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (int left = size; left > 0; left -= buf.length) {
                random.nextBytes(buf);
                out.write(buf, 0, Math.min(left, buf.length));
            }
        }
        return p;
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) != -1) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static long pid(Path file) throws Exception {
        waitFor(() -> Files.exists(file) && !Files.readString(file).isBlank());
        return Long.parseLong(Files.readString(file).strip());
    }

    interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hashes and counts what it is given. */
    static final class Sha256Sink extends OutputStream {
        private final MessageDigest md;
        volatile long count;
        volatile boolean closed;

        Sha256Sink() throws Exception {
            md = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void write(int b) {
            md.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            md.update(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            closed = true;
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** An endless stream of zeros. */
    static final class Zeros extends InputStream {
        @Override
        public int read() {
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 0);
            return len;
        }
    }

    private static final class CloseRecording extends java.io.FilterInputStream {
        volatile boolean closed;

        CloseRecording(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
