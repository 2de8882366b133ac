package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.ByteStreams;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: times byte-stream execs of {@link SshjTransport} against the in-process MINA server
 * (both ends of SSH, and the commands, on this machine): stdout only ({@code cat FILE} to a
 * counter), stdin only (a file to {@code cat > /dev/null}), and a relay of the two through a
 * {@link Pipe}, as the engine relays a disk image from one host to another. Prints MB/s and the
 * heap: the largest used heap seen (sampled every 100 ms) and the heap after the last collection.
 * Run with a small heap (-Xmx64m) to see that memory does not grow with the size.
 *
 * <p>Encryption costs nearly all of the CPU, on both ends of both connections. CIPHERS limits what
 * the server offers (e.g. {@code chacha20-poly1305@openssh.com}; by default
 * AES-GCM, sopctl's first choice, wins). SshjTransport uses the JDK's providers (AES on the CPU's
 * AES instructions); MINA takes every cipher from BouncyCastle, pure Java even for AES, unless
 * started with {@code -Dorg.apache.sshd.security.provider.BC.enabled=false}.
 *
 * <pre>java -Xmx64m -cp target/classes:target/test-classes:DEPS dev.sopctl.transport.ssh.SshRelayBench [MIB [DIR [CIPHERS]]]</pre>
 */
public final class SshRelayBench {
    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path dir = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of("/tmp"), "relay-bench");
        Path file = dir.resolve("image");
        writeFile(file, mib * 1024 * 1024);
        HeapWatch heap = new HeapWatch();
        try (TestSshServer server = new TestSshServer().start()) {
            if (args.length > 2) {
                server.ciphers(args[2]);
            }
            server.authorize(TestInventories.key("id_ed25519.pub"));
            Path kh = dir.resolve("known_hosts");
            Files.writeString(kh, server.knownHostsLine() + "\n");
            Inventory inv = new TestInventories(kh).host("a", server.port()).host("b", server.port()).build();
            Host a = inv.host("a").orElseThrow();
            Host b = inv.host("b").orElseThrow();
            try (SshjTransport ssh = new SshjTransport(inv, SshOptions.defaults().withEnvironment(Map.of()))) {
                ssh.exec(a, cmd("true"), OutputListener.NONE);
                ssh.exec(b, cmd("true"), OutputListener.NONE);
                heap.start();
                for (int round = 1; round <= 2; round++) {
                    AtomicLong out = new AtomicLong();
                    report("stdout  cat FILE -> counter      ", mib, heap, () -> ssh.exec(a, cmd("cat " + file),
                            OutputListener.NONE, ByteStreams.stdout(new Counting(OutputStream.nullOutputStream(), out))));
                    report("stdin   FILE -> cat > /dev/null  ", mib, heap, () -> {
                        try (InputStream in = Files.newInputStream(file)) {
                            return ssh.exec(b, cmd("cat > /dev/null"), OutputListener.NONE, ByteStreams.stdin(in));
                        }
                    });
                    report("relay   a:cat FILE | b:cat > FILE", mib, heap, () -> relay(ssh, a, b, file, dir.resolve("copy")));
                    Files.deleteIfExists(dir.resolve("copy"));
                }
            }
        } finally {
            heap.stop();
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir.resolve("known_hosts"));
            Files.deleteIfExists(dir);
        }
    }

    private static ExecResult relay(SshjTransport ssh, Host a, Host b, Path src, Path dst) throws Exception {
        Pipe pipe = Pipe.open();
        try {
            CompletableFuture<ExecResult> receiving = CompletableFuture.supplyAsync(() -> {
                try {
                    return ssh.exec(b, cmd("cat > " + dst), OutputListener.NONE,
                            ByteStreams.stdin(Channels.newInputStream(pipe.source())));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ExecResult sent;
            try (OutputStream sink = Channels.newOutputStream(pipe.sink())) {
                sent = ssh.exec(a, cmd("cat " + src), OutputListener.NONE, ByteStreams.stdout(sink));
            }
            ExecResult received = receiving.get();
            if (sent.exitStatus() != 0 || received.exitStatus() != 0 || Files.size(dst) != Files.size(src)) {
                throw new IllegalStateException("relay failed: " + sent + " " + received + " " + Files.size(dst));
            }
            return received;
        } finally {
            pipe.source().close();
        }
    }

    interface Run {
        ExecResult run() throws Exception;
    }

    private static void report(String what, long mib, HeapWatch heap, Run run) throws Exception {
        heap.reset();
        long t0 = System.nanoTime();
        ExecResult r = run.run();
        double s = (System.nanoTime() - t0) / 1e9;
        if (r.exitStatus() != 0) {
            throw new IllegalStateException(what + ": exit " + r.exitStatus() + " " + r.stderr());
        }
        System.out.printf("%s %6d MiB in %6.2f s = %7.1f MiB/s   heap max used %5.1f MiB, after last GC %5.1f MiB%n",
                what, mib, s, mib / s, heap.maxUsed() / 1048576.0, heap.afterGc() / 1048576.0);
    }

    private static RemoteCommand cmd(String command) {
        return new RemoteCommand(command, Duration.ofMinutes(30));
    }

    private static void writeFile(Path file, long size) throws IOException {
        byte[] block = new byte[1024 * 1024];
        new Random(1).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                block[0]++; // no two blocks alike
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
    }

    private static final class Counting extends FilterOutputStream {
        private final AtomicLong count;

        Counting(OutputStream out, AtomicLong count) {
            super(out);
            this.count = count;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count.addAndGet(len);
        }
    }

    /** Samples the used heap; reads the heap pools' usage after the last collection. */
    private static final class HeapWatch {
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    max.accumulateAndGet(used, Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void reset() {
            max.set(0);
        }

        long maxUsed() {
            return max.get();
        }

        long afterGc() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    sum += pool.getCollectionUsage().getUsed();
                }
            }
            return sum;
        }

        void stop() {
            running = false;
        }
    }
}
