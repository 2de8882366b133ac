package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.HostInfo;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SshjTransportTest {
    @RegisterExtension
    final SshServerExtension sshd = new SshServerExtension();

    @TempDir
    Path dir;

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private Path knownHosts() throws Exception {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, sshd.server().knownHostsLine() + "\n");
        return kh;
    }

    private TestSshServer server() throws Exception {
        return sshd.server().authorize(TestInventories.key("id_ed25519.pub"));
    }

    private static SshOptions options() {
        return SshOptions.defaults().withEnvironment(Map.of());
    }

    private static RemoteCommand cmd(String command) {
        return new RemoteCommand(command, MINUTE);
    }

    @Test
    void runsACommandAndReportsItsExitStatusAndOutput() throws Exception {
        Inventory inv = new TestInventories(knownHosts()).host("node1", server().port()).build();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            ExecResult r = ssh.exec(inv.host("node1").orElseThrow(), cmd("echo hello; echo world; exit 3"),
                    (stream, line) -> lines.add(stream + " " + line));

            assertThat(r.exitStatus()).isEqualTo(3);
            assertThat(r.stdout()).isEqualTo("hello\nworld\n");
            assertThat(r.stderr()).isEmpty();
            assertThat(r.truncated()).isFalse();
            assertThat(lines).containsExactly("STDOUT hello", "STDOUT world");
        }
    }

    @Test
    void keepsStderrApartWithoutTheWrappersMarker() throws Exception {
        Inventory inv = new TestInventories(knownHosts()).host("node1", server().port()).build();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            ExecResult r = ssh.exec(inv.host("node1").orElseThrow(), cmd("echo out; echo 'bad thing' >&2"),
                    (stream, line) -> lines.add(stream + " " + line));

            assertThat(r.exitStatus()).isZero();
            assertThat(r.stdout()).isEqualTo("out\n");
            assertThat(r.stderr()).isEqualTo("bad thing\n");
            assertThat(lines).containsExactlyInAnyOrder("STDOUT out", "STDERR bad thing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_ed25519", "id_ecdsa", "id_rsa_pem"})
    void authenticatesWithEachKeyType(String key) throws Exception {
        server().authorize(TestInventories.key(key + ".pub"));
        Inventory inv = new TestInventories(knownHosts()).identity(key).host("node1", sshd.server().port()).build();
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            assertThat(ssh.exec(inv.host("node1").orElseThrow(), cmd("true"), OutputListener.NONE).exitStatus()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_ed25519_enc", "id_rsa_pem_enc"})
    void decryptsAnEncryptedKeyWithThePassphraseSecret(String key) throws Exception {
        server().authorize(TestInventories.key(key + ".pub"));
        Inventory inv = new TestInventories(knownHosts()).identity(null)
                .host("node1", sshd.server().port(), key, null, null, "key_pass")
                .secretEnv("key_pass", "TEST_KEY_PASS").build();
        try (SshjTransport ssh = new SshjTransport(inv, options().withEnvironment(Map.of("TEST_KEY_PASS", "correct horse")))) {
            assertThat(ssh.exec(inv.host("node1").orElseThrow(), cmd("true"), OutputListener.NONE).exitStatus()).isZero();
        }
    }

    @Test
    void asksThePromptOnceForAKeySharedByTwoHosts() throws Exception {
        server().authorize(TestInventories.key("id_ed25519_enc.pub"));
        Inventory inv = new TestInventories(knownHosts()).identity("id_ed25519_enc")
                .host("node1", sshd.server().port()).host("node2", sshd.server().port()).build();
        AtomicInteger asked = new AtomicInteger();
        PassphrasePrompt prompt = (host, file) -> {
            asked.incrementAndGet();
            return "correct horse".toCharArray();
        };
        try (SshjTransport ssh = new SshjTransport(inv, options().withPassphrasePrompt(prompt))) {
            ssh.exec(inv.host("node1").orElseThrow(), cmd("true"), OutputListener.NONE);
            ssh.exec(inv.host("node2").orElseThrow(), cmd("true"), OutputListener.NONE);
        }
        assertThat(asked).hasValue(1);
    }

    @Test
    void aPassphraseTypedSlowerThanTheConnectTimeoutDoesNotCountAgainstIt() throws Exception {
        server().authorize(TestInventories.key("id_ed25519_enc.pub"));
        Inventory inv = new TestInventories(knownHosts()).identity("id_ed25519_enc").connectTimeout(Duration.ofSeconds(1))
                .host("node1", sshd.server().port()).build();
        PassphrasePrompt slowTypist = (host, file) -> {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "correct horse".toCharArray();
        };
        try (SshjTransport ssh = new SshjTransport(inv, options().withPassphrasePrompt(slowTypist))) {
            assertThat(ssh.exec(inv.host("node1").orElseThrow(), cmd("true"), OutputListener.NONE).exitStatus()).isZero();
        }
    }

    @Test
    void wrongKeyFailsAuthenticationNamingHostUserAndMethods() throws Exception {
        server();
        Inventory inv = new TestInventories(knownHosts()).identity("id_stranger").host("node1", sshd.server().port()).build();
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec(inv.host("node1").orElseThrow(), cmd("true"), OutputListener.NONE));

            assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
            assertThat(e.exitCode()).isEqualTo(ExitCode.UNKNOWN);
            assertThat(e.getMessage()).contains("node1", "user sopctl", "publickey", "id_stranger");
        }
    }

    @Test
    void wrongPasswordFailsAndRightPasswordWorks() throws Exception {
        sshd.server().password("s3cret");
        Inventory inv = new TestInventories(knownHosts()).identity(null)
                .host("node1", sshd.server().port(), null, null, "pw", null)
                .secretEnv("pw", "TEST_PW").build();
        Host node1 = inv.host("node1").orElseThrow();
        try (SshjTransport ssh = new SshjTransport(inv, options().withEnvironment(Map.of("TEST_PW", "wrong")))) {
            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec(node1, cmd("true"), OutputListener.NONE));
            assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
            assertThat(e.getMessage()).contains("node1", "sopctl", "password from secret pw").doesNotContain("wrong");
        }
        try (SshjTransport ssh = new SshjTransport(inv, options().withEnvironment(Map.of("TEST_PW", "s3cret")))) {
            assertThat(ssh.exec(node1, cmd("echo in"), OutputListener.NONE).stdout()).isEqualTo("in\n");
        }
    }

    @Test
    void strictModeRefusesAnUnknownKeyWithItsFingerprint() throws Exception {
        server();
        Path kh = dir.resolve("known_hosts"); // does not exist
        Inventory inv = new TestInventories(kh).host("node1", sshd.server().port()).build();
        String fingerprint = HostKeyPolicy.fingerprint(sshd.server().hostPublicKey());
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec(inv.host("node1").orElseThrow(), cmd("true"), OutputListener.NONE));

            assertThat(e.kind()).isEqualTo(Kind.HOST_KEY_UNKNOWN);
            assertThat(e.exitCode()).isEqualTo(ExitCode.UNKNOWN);
            assertThat(e.getMessage()).contains("node1", "ecdsa-sha2-nistp256", fingerprint);
            assertThat(e.hint()).contains("ssh-keyscan", "--accept-new-host-keys");
        }
        assertThat(kh).doesNotExist();
        assertThat(sshd.server().channels()).isZero();
    }

    @Test
    void acceptNewRecordsTheKeyAndALaterStrictRunAcceptsIt() throws Exception {
        server();
        Path kh = dir.resolve("ssh/known_hosts");
        Inventory inv = new TestInventories(kh).host("node1", sshd.server().port()).build();
        List<HostKeyPolicy.Recorded> recorded = new ArrayList<>();
        try (SshjTransport ssh = new SshjTransport(inv, options().withAcceptNewHostKeys(true).withHostKeyRecorded(recorded::add))) {
            assertThat(ssh.exec(inv.host("node1").orElseThrow(), cmd("true"), OutputListener.NONE).exitStatus()).isZero();
        }
        assertThat(Files.readString(kh)).isEqualTo(sshd.server().knownHostsLine() + "\n");
        assertThat(recorded).singleElement().satisfies(r -> {
            assertThat(r.hostName()).isEqualTo("node1");
            assertThat(r.fingerprint()).isEqualTo(HostKeyPolicy.fingerprint(sshd.server().hostPublicKey()));
            assertThat(r.line()).isEqualTo(1);
        });
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            assertThat(ssh.exec(inv.host("node1").orElseThrow(), cmd("true"), OutputListener.NONE).exitStatus()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aChangedKeyIsRefusedInBothModes(boolean acceptNew) throws Exception {
        server();
        Path kh = dir.resolve("known_hosts");
        byte[] other = HostKeyPolicy.encode(TestSshServer.newEcKey().getPublic());
        String oldLine = "[127.0.0.1]:" + sshd.server().port() + " ecdsa-sha2-nistp256 "
                + java.util.Base64.getEncoder().encodeToString(other);
        Files.writeString(kh, "# estate\nsomewhere.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==\n" + oldLine + "\n");
        String before = Files.readString(kh);
        Inventory inv = new TestInventories(kh).host("node1", sshd.server().port()).build();
        try (SshjTransport ssh = new SshjTransport(inv, options().withAcceptNewHostKeys(acceptNew))) {
            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec(inv.host("node1").orElseThrow(), cmd("true"), OutputListener.NONE));

            assertThat(e.kind()).isEqualTo(Kind.HOST_KEY_CHANGED);
            assertThat(e.exitCode()).isEqualTo(ExitCode.UNKNOWN);
            assertThat(e.getMessage()).contains("node1", "CHANGED", "ecdsa-sha2-nistp256",
                    HostKeyPolicy.fingerprint(sshd.server().hostPublicKey()), HostKeyPolicy.fingerprint(other));
            assertThat(e.hint()).contains("intercepting", "line 3 of " + kh);
        }
        assertThat(Files.readString(kh)).isEqualTo(before);
    }

    @Test
    void acceptsAHashedEntryAndTheBracketedPortForm() throws Exception {
        server();
        Path kh = dir.resolve("known_hosts");
        String line = sshd.server().knownHostsLine();
        String name = line.substring(0, line.indexOf(' '));
        Files.writeString(kh, HostKeyPolicyTest.hashed(name) + line.substring(line.indexOf(' ')) + "\n");
        Inventory inv = new TestInventories(kh).host("node1", sshd.server().port()).build();
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            assertThat(ssh.exec(inv.host("node1").orElseThrow(), cmd("true"), OutputListener.NONE).exitStatus()).isZero();
        }
    }

    @Test
    void aHangingCommandIsStoppedOnTheRemoteSideAtItsTimeout() throws Exception {
        Inventory inv = new TestInventories(knownHosts()).host("node1", server().port()).build();
        Path pidFile = dir.resolve("child.pid");
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            long t0 = System.nanoTime();
            TransportException e = catchThrowableOfType(TransportException.class, () -> ssh.exec(
                    inv.host("node1").orElseThrow(),
                    new RemoteCommand("echo $$ > " + pidFile + ".sh; sleep 300 & echo $! > " + pidFile + "; wait",
                            Duration.ofSeconds(1)),
                    OutputListener.NONE));

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.exitCode()).isEqualTo(ExitCode.CRITICAL);
            assertThat(e.getMessage()).contains("node1", "timed out after 1s", "sleep 300");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            long sleeper = Long.parseLong(Files.readString(pidFile).strip());
            long shell = Long.parseLong(Files.readString(Path.of(pidFile + ".sh")).strip());
            assertGone(sleeper);
            assertGone(shell);
            // the connection is still good for the next step
            assertThat(ssh.exec(inv.host("node1").orElseThrow(), cmd("echo next"), OutputListener.NONE).stdout()).isEqualTo("next\n");
            assertThat(sshd.server().connections()).isEqualTo(1);
        }
    }

    @Test
    void aCommandThatReadsItsInputSeesEndOfFileAtOnce() throws Exception {
        Inventory inv = new TestInventories(knownHosts()).host("node1", server().port()).build();
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            long t0 = System.nanoTime();
            ExecResult r = ssh.exec(inv.host("node1").orElseThrow(),
                    new RemoteCommand("cat; read line || echo eof", Duration.ofSeconds(10)), OutputListener.NONE);

            assertThat(r.exitStatus()).isZero();
            assertThat(r.stdout()).isEqualTo("eof\n");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void interruptingTheCallerStopsTheRemoteCommand() throws Exception {
        Inventory inv = new TestInventories(knownHosts()).host("node1", server().port()).build();
        Path pidFile = dir.resolve("child.pid");
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    ssh.exec(inv.host("node1").orElseThrow(),
                            cmd("sleep 300 & echo $! > " + pidFile + "; wait"), OutputListener.NONE);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            caller.start();
            waitFor(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
            caller.interrupt();
            caller.join(10_000);

            assertThat(caller.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertGone(Long.parseLong(Files.readString(pidFile).strip()));
        }
    }

    @Test
    void anInterruptedFanOutHasEveryRemoteCommandStoppedWhenCloseReturns() throws Exception {
        TestInventories hosts = new TestInventories(knownHosts());
        int n = 6;
        for (int i = 0; i < n; i++) {
            hosts.host("node" + i, server().port());
        }
        Inventory inv = hosts.build();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        SshjTransport ssh = new SshjTransport(inv, options());
        List<Path> pidFiles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path pidFile = dir.resolve("sleep" + i + ".pid");
            pidFiles.add(pidFile);
            Host h = inv.host("node" + i).orElseThrow();
            pool.submit(() -> ssh.exec(h, cmd("sleep 300 & echo $! > " + pidFile + "; wait"), OutputListener.NONE));
        }
        waitFor(() -> pidFiles.stream().allMatch(f -> Files.exists(f) && !read(f).isBlank()));

        // as the engine does on Ctrl-C: the host threads are interrupted and the main thread, itself
        // interrupted, goes straight on to closing the transport
        pool.shutdownNow();
        Thread.currentThread().interrupt();
        try {
            ssh.close();
        } finally {
            Thread.interrupted();
        }

        for (Path f : pidFiles) {
            long pid = Long.parseLong(read(f).strip());
            assertThat(running(pid)).as("sleep %d of %s still runs after close()", pid, f.getFileName()).isFalse();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void aConnectionDroppedMidCommandIsDisconnectedAndTheNextCallReconnects() throws Exception {
        Inventory inv = new TestInventories(knownHosts()).host("node1", server().port()).build();
        Host node1 = inv.host("node1").orElseThrow();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> ssh.exec(node1, cmd("drop"), (s, l) -> lines.add(l)));

            assertThat(e.kind()).isEqualTo(Kind.DISCONNECTED);
            assertThat(e.getMessage()).contains("node1", "drop");

            ExecResult after = ssh.exec(node1, cmd("echo back"), OutputListener.NONE);
            assertThat(after.stdout()).isEqualTo("back\n");
            assertThat(sshd.server().connections()).isEqualTo(2);
        }
    }

    @Test
    void tenMegabytesOfOutputAreStreamedButOnlyTheCapIsKept() throws Exception {
        Inventory inv = new TestInventories(knownHosts()).host("node1", server().port()).build();
        AtomicLong lines = new AtomicLong();
        AtomicLong chars = new AtomicLong();
        long total = 10L * 1024 * 1024;
        // 36 characters and a newline per line
        String command = "yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c " + total;
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            ExecResult r = ssh.exec(inv.host("node1").orElseThrow(), new RemoteCommand(command, MINUTE, 1024 * 1024),
                    (stream, line) -> {
                        lines.incrementAndGet();
                        chars.addAndGet(line.length());
                    });

            assertThat(r.exitStatus()).isZero();
            assertThat(r.truncated()).isTrue();
            assertThat(r.stdout().length()).isEqualTo(1024 * 1024);
            assertThat(lines.get()).isEqualTo((total + 36) / 37);
            assertThat(chars.get() + total / 37).isEqualTo(total);
        }
    }

    @Test
    void oneConnectionPerHostHoweverManyCallsFromHowManyThreads() throws Exception {
        Inventory inv = new TestInventories(knownHosts()).host("node1", server().port()).build();
        Host node1 = inv.host("node1").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            List<Future<ExecResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                results.add(pool.submit(() -> ssh.exec(node1, cmd("echo " + n), OutputListener.NONE)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS).stdout()).isEqualTo(i + "\n");
            }
            ssh.probe(node1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sshd.server().connections()).isEqualTo(1);
        assertThat(sshd.server().channels()).isEqualTo(40);
    }

    @Test
    void probeReportsServerVersionKeyAndRoundTrip() throws Exception {
        Inventory inv = new TestInventories(knownHosts()).host("node1", server().port()).build();
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            HostInfo info = ssh.probe(inv.host("node1").orElseThrow());

            assertThat(info.serverVersion()).containsIgnoringCase("SSHD");
            assertThat(info.keyType()).isEqualTo("ecdsa-sha2-nistp256");
            assertThat(info.fingerprint()).isEqualTo(HostKeyPolicy.fingerprint(sshd.server().hostPublicKey()));
            assertThat(info.roundTrip()).isPositive().isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Inventory inv = new TestInventories(knownHosts()).host("gone", port).build();
        try (SshjTransport ssh = new SshjTransport(inv, options())) {
            assertThatThrownBy(() -> ssh.probe(inv.host("gone").orElseThrow()))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                        assertThat(e.getMessage()).contains("gone", "cannot connect");
                    });
        }
    }

    /** The process no longer runs (gone, or a zombie waiting for a reaper that is not ours). */
    static void assertGone(long pid) throws Exception {
        waitFor(() -> !running(pid));
        assertThat(running(pid)).as("process %d still runs", pid).isFalse();
    }

    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        try {
            String s = Files.readString(stat);
            return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(50);
        }
    }
}
