package dev.sopctl.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

/**
 * An in-process Apache MINA SSHD on a free loopback port, scripted for faults. Commands run as
 * {@code setsid /bin/sh -c COMMAND}, like sshd's session child (a new session, so the shell leads
 * its process group), except:
 * <ul>
 *   <li>{@code drop} (as the whole command after the transport's wrapper): writes a line, then the
 *       server closes the whole SSH connection, as a host that reboots mid-command;</li>
 * </ul>
 * Like OpenSSH without a pty, closing a channel does not kill its command, and channel signals are
 * ignored, so tests prove the transport stops remote commands itself. Like OpenSSH, the channel's
 * data is the command's standard input, which ends when the client sends EOF; once the command
 * stops reading (its stdin closed, or it exited) further data is read and thrown away. Counts
 * connections (SSH sessions) and channels.
 */
public final class TestSshServer implements AutoCloseable {
    static final String USER = "sopctl";

    private final SshServer sshd = SshServer.setUpDefaultServer();
    private final KeyPair hostKey;
    private final Set<PublicKey> authorized = ConcurrentHashMap.newKeySet();
    private volatile String password;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger channels = new AtomicInteger();
    private final List<Process> processes = new CopyOnWriteArrayList<>();

    public TestSshServer() {
        this(false);
    }

    TestSshServer(boolean forwarding) {
        this(forwarding, newEcKey());
    }

    /** @param hostKey the server's host key (e.g. {@link #newEd25519Key()}, as most OpenSSH servers offer first) */
    TestSshServer(boolean forwarding, KeyPair hostKey) {
        this(forwarding, hostKey, "127.0.0.1", 0);
    }

    /** A server on a given loopback address and port (0: any free port), with a host key of its own. */
    TestSshServer(boolean forwarding, String address, int port) {
        this(forwarding, newEcKey(), address, port);
    }

    private TestSshServer(boolean forwarding, KeyPair hostKey, String address, int port) {
        this.hostKey = hostKey;
        sshd.setHost(address);
        sshd.setPort(port);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        sshd.setPasswordAuthenticator((user, pw, session) -> USER.equals(user) && pw.equals(password));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setForwardingFilter(forwarding ? AcceptAllForwardingFilter.INSTANCE : RejectAllForwardingFilter.INSTANCE);
        sshd.setCommandFactory((channel, command) -> isDrop(command) ? new Drop() : new ShellCommand(command));
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                connections.incrementAndGet();
            }
        });
        sshd.addChannelListener(new ChannelListener() {
            @Override
            public void channelOpenSuccess(Channel channel) {
                channels.incrementAndGet();
            }
        });
    }

    public TestSshServer start() throws IOException {
        sshd.start();
        return this;
    }

    public int port() {
        return sshd.getPort();
    }

    public TestSshServer authorize(Path publicKeyFile) throws Exception {
        String line = Files.readString(publicKeyFile).strip();
        authorized.add(AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
        return this;
    }

    TestSshServer password(String pw) {
        this.password = pw;
        return this;
    }

    /** Offers only these ciphers (OpenSSH names, e.g. {@code aes128-gcm@openssh.com}) to connections made from now on. */
    TestSshServer ciphers(String names) {
        sshd.setCipherFactoriesNameList(names);
        return this;
    }

    /** Only these signature algorithms, for the host key and for users' keys (e.g. no SHA-1 {@code ssh-rsa}). */
    TestSshServer signatures(String names) {
        sshd.setSignatureFactoriesNameList(names);
        return this;
    }

    /**
     * Offers only these key exchanges (comma-separated SSH names, e.g. {@code sntrup761x25519-sha512})
     * to connections made from now on.
     */
    TestSshServer keyExchanges(String names) {
        var parsed = org.apache.sshd.common.kex.BuiltinDHFactories.parseDHFactoriesList(names);
        if (!parsed.getUnsupportedFactories().isEmpty()) {
            throw new IllegalArgumentException("MINA does not offer " + parsed.getUnsupportedFactories());
        }
        sshd.setKeyExchangeFactories(org.apache.sshd.common.NamedFactory.setUpTransformedFactories(false,
                parsed.getParsedFactories(), org.apache.sshd.server.ServerBuilder.DH2KEX));
        return this;
    }

    PublicKey hostPublicKey() {
        return hostKey.getPublic();
    }

    /** {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 BASE64}, a known_hosts line for this server. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + HostKeyPolicy.keyType(HostKeyPolicy.encode(hostKey.getPublic())) + " "
                + Base64.getEncoder().encodeToString(HostKeyPolicy.encode(hostKey.getPublic()));
    }

    /** SSH connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Channels opened so far (sessions, kill channels, tunnels). */
    int channels() {
        return channels.get();
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    static KeyPair newEcKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair newEd25519Key() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isDrop(String command) {
        return command.equals("drop") || command.endsWith("; drop");
    }

    private abstract static class Streams implements Command {
        InputStream in;
        OutputStream out;
        OutputStream err;
        ExitCallback exit;

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void destroy(ChannelSession channel) {
            // like sshd without a pty: the command is not killed when its channel closes
        }
    }

    /** The command through a real shell in a new session, as sshd runs it. */
    private final class ShellCommand extends Streams {
        private final String command;

        ShellCommand(String command) {
            this.command = command;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            Process p = new ProcessBuilder("setsid", "/bin/sh", "-c", command).start();
            processes.add(p);
            feed(in, p.getOutputStream());
            Thread o = copy(p.getInputStream(), out);
            Thread e = copy(p.getErrorStream(), err);
            Thread waiter = new Thread(() -> {
                try {
                    int code = p.waitFor();
                    o.join();
                    e.join();
                    exit.onExit(code);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }, "test-sshd-wait");
            waiter.setDaemon(true);
            waiter.start();
        }

        /** Channel data to the process's stdin; after a failed write (it stopped reading) data is discarded. */
        private void feed(InputStream from, OutputStream to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[32 * 1024];
                boolean reading = true;
                try (from) {
                    int n;
                    while ((n = from.read(buf)) != -1) {
                        if (reading) {
                            try {
                                to.write(buf, 0, n);
                                to.flush();
                            } catch (IOException stopped) {
                                reading = false;
                            }
                        }
                    }
                } catch (IOException closed) {
                    // channel gone
                } finally {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // the process already closed its end
                    }
                }
            }, "test-sshd-feed");
            t.setDaemon(true);
            t.start();
        }

        private Thread copy(InputStream from, OutputStream to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[32 * 1024];
                try (from) {
                    int n;
                    while ((n = from.read(buf)) != -1) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                } catch (IOException closed) {
                    // channel gone: stop copying; the process gets SIGPIPE on its next write
                }
            }, "test-sshd-copy");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }

    /** Writes a line, then closes the SSH connection under the running command. */
    private static final class Drop extends Streams {
        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            out.write("going down\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            channel.getSession().close(true);
        }
    }
}
