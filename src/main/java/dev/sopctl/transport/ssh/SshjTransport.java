package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.HomePaths;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.ByteStreams;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.HostInfo;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.Transport;
import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportException.Kind;
import dev.sopctl.transport.ssh.config.LocalUser;
import dev.sopctl.transport.ssh.kex.KeyExchanges;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.NegotiatedAlgorithms;
import net.schmizz.sshj.transport.random.JCERandom;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.PasswordResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transport} over SSH with sshj.
 *
 * <pre>{@code
 * try (Transport ssh = new SshjTransport(inventory, SshOptions.defaults().withAcceptNewHostKeys(accept))) {
 *     ExecResult r = ssh.exec(inventory.host("node1").orElseThrow(),
 *             new RemoteCommand("xl list", Duration.ofMinutes(1)), OutputListener.NONE);
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Connections.</b> One per host, opened by the first call for it and reused by every later
 *       call, from any thread; a per-host lock makes concurrent first calls share one connection.
 *       A connection found dead (reboot, keepalive timeout) is opened again by the next call.
 *       Commands on one host run as separate channels of its connection (OpenSSH allows
 *       {@code MaxSessions}, default 10, at once).</li>
 *   <li><b>Jump hosts.</b> A host with {@code via: J} is reached through a direct-tcpip channel of
 *       J's own (pooled) connection; chains of any depth, each hop's host key verified against
 *       known_hosts by its own address and port.</li>
 *   <li><b>Host keys.</b> {@link HostKeyPolicy} on the inventory's {@code known_hosts}.</li>
 *   <li><b>Settings.</b> {@link EndpointResolver}: the inventory where it states a setting, the
 *       OpenSSH client configuration ({@code ssh -G}) where it is silent, including ProxyJump hops
 *       (pooled like inventory jump hosts).</li>
 *   <li><b>Authentication.</b> publickey in OpenSSH's order ({@link PublickeyOrder}): ssh-agent keys
 *       signed by the agent, then the identity files (the host's identity, else the defaults', else
 *       IdentityFile, else the usual {@code ~/.ssh/id_*}), then password and keyboard-interactive
 *       with the host's {@code password} secret. Encrypted keys are decrypted with the {@code passphrase} secret or
 *       the {@link PassphrasePrompt}, once per run.</li>
 *   <li><b>Timeouts.</b> {@code connect_timeout} (or {@link SshOptions#connectTimeoutOverride()})
 *       bounds TCP connect, identification and key exchange together (a
 *       {@link ConnectDeadline}: a peer that keeps sending something cannot stretch it) and each
 *       channel opening; lines a server sends before its identification are limited as OpenSSH
 *       limits them ({@link IdentificationGuard}). The command's own
 *       {@link RemoteCommand#timeout()} bounds its run (zero: none). A timed-out or interrupted
 *       command is stopped on the remote side as {@link RemoteRun} describes.</li>
 *   <li><b>Byte streams.</b> Each stream of a command has its own thread from a shared pool; raw
 *       data moves in chunks of 64 KiB, and sshj holds at most the window it grants (2 MiB) of
 *       stdout and one packet of stdin, so a relay of any size runs in constant memory at the pace
 *       of its slowest side. {@link InputPump} says why stdin waits for the channel window itself;
 *       {@link CipherWarmup} why a run that may relay warms the cipher up first.</li>
 * </ul>
 */
public final class SshjTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(SshjTransport.class);

    /**
     * Bytes sshj may hold of one channel stream that nobody read yet. sshj tops the window up to its
     * full 2 MiB on every read, however little was read, so behind a slow reader (a relay waiting
     * for the receiving host) the unread data grows until it meets this cap: 16 MiB by default, in
     * buffers that double as they grow. Twice the window keeps the data flowing.
     */
    private static final int MAX_UNREAD = 4 * 1024 * 1024;

    /**
     * sshj logs every handshake at INFO and every refusal at ERROR, with stack traces, on the
     * operator's terminal; we report those failures ourselves, once, as TransportExceptions. Its
     * logs are therefore off unless {@code dev.sopctl.transport.ssh.sshj} is at DEBUG.
     */
    private static final net.schmizz.sshj.common.LoggerFactory SSHJ_LOGS = new net.schmizz.sshj.common.LoggerFactory() {
        private final boolean on = LoggerFactory.getLogger("dev.sopctl.transport.ssh.sshj").isDebugEnabled();

        @Override
        public Logger getLogger(String name) {
            return on ? LoggerFactory.getLogger(name) : org.slf4j.helpers.NOPLogger.NOP_LOGGER;
        }

        @Override
        public Logger getLogger(Class<?> clazz) {
            return on ? LoggerFactory.getLogger(clazz) : org.slf4j.helpers.NOPLogger.NOP_LOGGER;
        }
    };

    /**
     * Sockets whose input reads the server's identification through an {@link IdentificationGuard}.
     * Without Nagle's algorithm: SSH sends small packets and waits for answers (channel open, exec,
     * exit status); with Nagle and delayed ACKs each of those waits costs 40 ms, ~150 ms per command.
     */
    private static final javax.net.SocketFactory GUARDED = new javax.net.SocketFactory() {
        @Override
        public java.net.Socket createSocket() throws IOException {
            java.net.Socket s = new GuardedSocket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException("sshj creates unconnected sockets");
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) throws IOException {
            throw new UnsupportedOperationException("sshj creates unconnected sockets");
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws IOException {
            throw new UnsupportedOperationException("sshj creates unconnected sockets");
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local, int localPort)
                throws IOException {
            throw new UnsupportedOperationException("sshj creates unconnected sockets");
        }
    };

    /*
     * Key exchange: KeyExchanges puts the post-quantum hybrids (mlkem768x25519, sntrup761x25519)
     * ahead of sshj's classical list; BouncyCastle serves only those KEMs, never as a JCA provider.
     */

    private static final class GuardedSocket extends java.net.Socket {
        private java.io.InputStream guarded;

        @Override
        public synchronized java.io.InputStream getInputStream() throws IOException {
            if (guarded == null) {
                guarded = new IdentificationGuard(super.getInputStream());
            }
            return guarded;
        }
    }

    /**
     * AES-GCM first: the JDK runs it on the CPU's AES instructions, while sshj's default first
     * choice, chacha20-poly1305, is plain Java and limits a relayed disk copy to a fraction of the
     * link. Then chacha20 and AES-CTR for servers without GCM (OpenSSH has had it since 6.2); the
     * CBC, Blowfish, 3DES and other legacy ciphers sshj also offers are left out.
     */
    private static final List<net.schmizz.sshj.common.Factory.Named<net.schmizz.sshj.transport.cipher.Cipher>> CIPHERS =
            List.of(GcmCiphers.AES128GCM(), GcmCiphers.AES256GCM(), ChachaPolyCiphers.CHACHA_POLY_OPENSSH(),
                    BlockCiphers.AES128CTR(), BlockCiphers.AES192CTR(), BlockCiphers.AES256CTR());

    static {
        JcaSetup.ensure();
    }

    private final Inventory inventory;
    private final SshOptions options;
    private final HostKeyPolicy hostKeys;
    private final DefaultConfig config;
    private final Identities identities;
    private final EndpointResolver endpoints;
    private final ConcurrentHashMap<String, HostKeyPolicy> policies = new ConcurrentHashMap<>();
    private final java.util.Set<String> jumpKeys = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final ExecutorService pumps;
    private final ScheduledExecutorService alarms;
    private final java.util.Set<RemoteRun> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A host's place in the pool: its lock and its connection when there is one. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile Live live;
    }

    /** An authenticated connection and what we learnt while opening it. */
    private record Live(SSHClient client, String serverVersion, String keyType, String fingerprint,
            NegotiatedAlgorithms algorithms) {
        boolean alive() {
            return client.isConnected() && client.getTransport().isRunning() && client.isAuthenticated();
        }
    }

    public SshjTransport(Inventory inventory, SshOptions options) {
        KeyExchanges.prepareAhead();
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.options = Objects.requireNonNull(options, "options");
        this.hostKeys = new HostKeyPolicy(Path.of(HomePaths.expandHome(inventory.defaults().knownHosts())),
                options.acceptNewHostKeys(), options.hostKeyRecorded());
        this.config = new DefaultConfig();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        config.setLoggerFactory(SSHJ_LOGS);
        config.setCipherFactories(CIPHERS);
        config.setKeyExchangeFactories(KeyExchanges.postQuantumFirst(config.getKeyExchangeFactories()));
        config.setMaxCircularBufferSize(MAX_UNREAD);
        // one SecureRandom per connection: sshj's default is one for all, behind one lock taken for
        // every packet's padding, which 200 connections of a fan-out then wait on in turn
        config.setRandomFactory(new JCERandom.Factory());
        this.identities = new Identities(inventory, config, options.environment(), options.passphrasePrompt());
        this.endpoints = new EndpointResolver(inventory, options, identities, LocalUser.current());
        endpoints.check();
        AtomicInteger n = new AtomicInteger();
        this.pumps = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sopctl-ssh-pump-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.alarms = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sopctl-ssh-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    public HostKeyPolicy hostKeyPolicy() {
        return hostKeys;
    }

    @Override
    public ExecResult exec(Host host, RemoteCommand command, OutputListener listener, ByteStreams streams)
            throws TransportException, InterruptedException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(streams, "streams");
        Live live = connection(host);
        Session session;
        try {
            session = live.client().startSession();
        } catch (IOException e) {
            // a refusal from a live server (MaxSessions) is its answer; a transport that failed to
            // write may not know yet that it is dead (its reader notices later), so it is not asked
            boolean transportFailed = e instanceof net.schmizz.sshj.transport.TransportException;
            if (live.alive() && !transportFailed) {
                throw new TransportException(host.name(), Kind.PROTOCOL,
                        host.name() + " (" + host.endpoint() + "): cannot open a session: " + e.getMessage(),
                        "the server may limit sessions per connection (OpenSSH MaxSessions)", e);
            }
            // the pooled connection died unnoticed (reboot); nothing ran yet, so one fresh try is safe
            log.debug("{}: connection found dead ({}); reconnecting", host.name(), e.toString());
            disconnectQuietly(live.client());
            live = connection(host);
            try {
                session = live.client().startSession();
            } catch (IOException again) {
                throw new TransportException(host.name(), Kind.DISCONNECTED,
                        host.name() + " (" + host.endpoint() + "): cannot open a session: " + again.getMessage(),
                        null, again);
            }
        }
        RemoteRun run = new RemoteRun(host, live.client(), session, command, listener, streams, pumps);
        running.add(run);
        try {
            if (closed) {
                // close() may have looked at the running commands before this one joined them
                throw new IllegalStateException("transport is closed");
            }
            return run.run();
        } finally {
            running.remove(run);
        }
    }

    /**
     * Has the JIT compile AES-GCM, the cipher offered first, on a daemon thread: see {@link CipherWarmup}.
     * In a JVM without C2 (the launcher's choice for commands that do not relay) the operator is told
     * how to get the copy's full speed.
     */
    @Override
    public void prepareForBulkData() {
        if (!CipherWarmup.c2Compiles()) {
            options.notice("this sopctl runs with the C1 compiler only, where AES-GCM has no hardware support: data"
                    + " this run streams through sopctl moves several times slower (run it with SOPCTL_JIT=full)");
            return;
        }
        CipherWarmup.startOnce();
    }

    @Override
    public HostInfo probe(Host host) throws TransportException, InterruptedException {
        Live live = connection(host);
        long t0 = System.nanoTime();
        try {
            live.client().getConnection()
                    .sendGlobalRequest("keepalive@openssh.com", true, new byte[0])
                    .retrieve(connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ConnectionException e) {
            // OpenSSH answers this unknown request with REQUEST_FAILURE: still a full round trip
            if (!live.alive()) {
                throw new TransportException(host.name(), Kind.DISCONNECTED,
                        host.name() + " (" + host.endpoint() + "): connection dropped during the probe", null, e);
            }
            if (System.nanoTime() - t0 >= connectTimeout().toNanos()) {
                throw new TransportException(host.name(), Kind.TIMEOUT,
                        host.name() + " (" + host.endpoint() + "): no answer to a keepalive within "
                                + RemoteRun.Durations.human(connectTimeout()), null, e);
            }
        } catch (IOException e) {
            throw new TransportException(host.name(), Kind.DISCONNECTED,
                    host.name() + " (" + host.endpoint() + "): connection dropped during the probe", null, e);
        }
        Duration rtt = Duration.ofNanos(System.nanoTime() - t0);
        return new HostInfo(live.serverVersion(), live.keyType(), live.fingerprint(), rtt,
                live.algorithms().getKeyExchangeAlgorithm(), live.algorithms().getClient2ServerCipherAlgorithm());
    }

    /**
     * Stops every command still running (an interrupted run, a failed fan-out) on all hosts at once
     * and waits for each to end, then disconnects. A command left running when its connection
     * closes would run on, on the host, after sopctl said it was stopped.
     */
    @Override
    public void close() {
        closed = true;
        List<RemoteRun> left = List.copyOf(running);
        left.forEach(RemoteRun::requestStop);
        long until = System.nanoTime() + RemoteRun.STOP_WAIT.plusSeconds(2).toNanos();
        for (RemoteRun run : left) {
            if (!run.awaitEnd(Duration.ofNanos(Math.max(0, until - System.nanoTime())))) {
                log.warn("{}: a command could not be stopped before the connection closed", run.hostName());
            }
        }
        // tunnelled connections first, then the jump hosts they ride on
        List<Slot> ordered = new ArrayList<>();
        slots.forEach((key, slot) -> {
            if (jumpKeys.contains(key)) {
                ordered.add(slot);
            } else {
                ordered.add(0, slot);
            }
        });
        for (Slot slot : ordered) {
            Live live = slot.live;
            slot.live = null;
            if (live != null) {
                disconnectQuietly(live.client());
            }
        }
        // not shutdownNow(): interrupting a pump blocked reading a caller's stdin would close that
        // stream if it is an interruptible channel; the others end with their connections
        pumps.shutdown();
        alarms.shutdownNow();
    }

    /** The host's live connection, opening it (and its jump hosts) when there is none. */
    private Live connection(Host host) throws TransportException, InterruptedException {
        return connection(endpoints.resolve(host));
    }

    private Live connection(Endpoint endpoint) throws TransportException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("transport is closed");
        }
        Host host = endpoint.host();
        Slot slot = slots.computeIfAbsent(endpoint.key(), n -> new Slot());
        slot.lock.lockInterruptibly();
        try {
            Live live = slot.live;
            if (live != null && live.alive()) {
                return live;
            }
            if (live != null) {
                log.info("{}: connection lost; reconnecting", host.name());
                disconnectQuietly(live.client());
                slot.live = null;
            }
            slot.live = open(endpoint);
            return slot.live;
        } finally {
            slot.lock.unlock();
        }
    }

    /** Opens the endpoint's connection; its jump hosts were resolved (and checked for cycles) with it. */
    private Live open(Endpoint endpoint) throws TransportException, InterruptedException {
        Host host = endpoint.host();
        Live jump = null;
        if (endpoint.jump() != null) {
            jumpKeys.add(endpoint.jump().key());
            jump = connection(endpoint.jump());
        }
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, connectTimeout().toMillis());
        SSHClient client = new SSHClient(config);
        client.setSocketFactory(GUARDED);
        client.setConnectTimeout(timeoutMs);
        client.setTimeout(timeoutMs); // bounds each read of the server's banner; the deadline bounds them all
        client.getTransport().setTimeoutMs(timeoutMs);
        client.getConnection().setTimeoutMs(timeoutMs);
        client.getConnection().getKeepAlive().setKeepAliveInterval((int) options.keepAliveInterval().toSeconds());
        Verifier verifier = new Verifier(host, endpoint.keyAddress(), policyFor(endpoint));
        client.addHostKeyVerifier(verifier);
        AtomicReference<NegotiatedAlgorithms> negotiated = new AtomicReference<>();
        client.addAlgorithmsVerifier(algorithms -> {
            negotiated.set(algorithms);
            return true;
        });
        String phase = "no SSH handshake";
        // the identification and key exchange, however the server trickles them
        try (ConnectDeadline deadline = new ConnectDeadline(alarms, timeoutMs, () -> disconnectQuietly(client))) {
            try {
                if (jump == null) {
                    client.connect(host.address(), host.port());
                } else {
                    var tunnel = jump.client().newDirectConnection(host.address(), host.port());
                    client.connectVia(guarded(tunnel), host.address(), host.port());
                }
            } catch (IOException | RuntimeException e) {
                disconnectQuietly(client);
                if (verifier.refusal != null) {
                    throw verifier.refusal;
                }
                throw deadline.expired() ? late(host, phase, e) : unreachable(host, e);
            }
            if (deadline.expired()) {
                disconnectQuietly(client);
                throw late(host, phase, null);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            disconnectQuietly(client);
            throw new InterruptedException();
        }
        // outside the deadline: loading keys may ask the operator for a passphrase, which takes as
        // long as it takes; sshj bounds each authentication request by the connect timeout itself
        authenticate(client, endpoint);
        String version = client.getTransport().getServerVersion();
        log.debug("{}: connected to {} ({}){}, key exchange {}, cipher {}", host.name(), host.endpoint(), version,
                host.via() != null ? " via " + host.via() : "", negotiated.get().getKeyExchangeAlgorithm(),
                negotiated.get().getClient2ServerCipherAlgorithm());
        return new Live(client, version, verifier.keyType, verifier.fingerprint, negotiated.get());
    }

    /**
     * The tunnel as sshj's {@code connectVia} takes it, its input read through an
     * {@link IdentificationGuard} (sshj 0.39 has no way to hand it other streams).
     */
    private static net.schmizz.sshj.connection.channel.Channel guarded(net.schmizz.sshj.connection.channel.Channel tunnel) {
        IdentificationGuard in = new IdentificationGuard(tunnel.getInputStream());
        return (net.schmizz.sshj.connection.channel.Channel) java.lang.reflect.Proxy.newProxyInstance(
                SshjTransport.class.getClassLoader(), new Class<?>[] {net.schmizz.sshj.connection.channel.Channel.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getInputStream") && method.getParameterCount() == 0) {
                        return in;
                    }
                    try {
                        return method.invoke(tunnel, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The connect deadline passed: the whole attempt took longer than connect_timeout. */
    private TransportException late(Host host, String what, Throwable e) {
        return new TransportException(host.name(), Kind.UNREACHABLE,
                host.name() + " (" + host.endpoint() + (host.via() != null ? " via " + host.via() : "") + "): " + what
                        + " within " + RemoteRun.Durations.human(connectTimeout()) + " (connect_timeout)",
                "is this port an SSH server? is the host overloaded?", e);
    }

    private void authenticate(SSHClient client, Endpoint endpoint) throws TransportException {
        Host host = endpoint.host();
        List<AuthMethod> methods = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        try (PublickeyOrder keys = PublickeyOrder.of(endpoint, identities, options)) {
            keys.addTo(methods, tried);
            authenticate(client, host, methods, tried);
        }
    }

    private void authenticate(SSHClient client, Host host, List<AuthMethod> methods, List<String> tried)
            throws TransportException {
        String passwordSecret = identities.passwordSecret(host);
        if (passwordSecret != null) {
            var password = identities.secret(passwordSecret);
            if (password.isPresent()) {
                PasswordFinder finder = new FixedPassword(password.get());
                methods.add(new AuthPassword(finder));
                methods.add(new AuthKeyboardInteractive(new PasswordResponseProvider(finder)));
                tried.add("password from " + identities.describeSecret(passwordSecret));
            } else {
                tried.add("password skipped: " + identities.describeSecret(passwordSecret) + " is unset");
            }
        }
        if (tried.isEmpty()) {
            tried.add("no identity (none set and no ~/.ssh/id_ed25519, id_ecdsa, id_rsa) and no password secret");
        }
        String what = host.name() + " (" + host.endpoint() + ")";
        if (methods.isEmpty()) {
            disconnectQuietly(client);
            throw new TransportException(host.name(), Kind.AUTH_FAILED,
                    what + ": authentication failed for user " + host.user() + ": nothing to try; "
                            + String.join("; ", tried),
                    "load a key into ssh-agent, or set identity: (and passphrase:) or password: for the host in the inventory", null);
        }
        try {
            client.auth(host.user(), methods);
        } catch (UserAuthException e) {
            String allowed = String.join(",", client.getUserAuth().getAllowedMethods());
            disconnectQuietly(client);
            throw new TransportException(host.name(), Kind.AUTH_FAILED,
                    what + ": authentication failed for user " + host.user() + "; tried " + String.join("; ", tried)
                            + (allowed.isEmpty() ? "" : "; the server accepts " + allowed),
                    "check the user, the key in the host's authorized_keys, or the password secret", e);
        } catch (IOException e) {
            disconnectQuietly(client);
            throw unreachable(host, e);
        }
    }

    private TransportException unreachable(Host host, Throwable e) {
        String reason;
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            reason = "cannot connect: " + e.getMessage();
        } else if (e instanceof SocketTimeoutException) {
            reason = "no answer within " + RemoteRun.Durations.human(connectTimeout());
        } else if (e instanceof UnknownHostException) {
            reason = "unknown host name " + host.address();
        } else if (notSsh(e) != null) {
            reason = "not an SSH server: " + notSsh(e).getMessage();
        } else if (e instanceof ConnectionException && host.via() != null) {
            reason = "jump host " + host.via() + " cannot reach it: " + e.getMessage();
        } else {
            reason = "no SSH handshake: " + e.getMessage();
        }
        return new TransportException(host.name(), Kind.UNREACHABLE,
                host.name() + " (" + host.endpoint() + (host.via() != null ? " via " + host.via() : "") + "): " + reason,
                "is the host up and its sshd listening on port " + host.port() + "?", e);
    }

    private static IdentificationGuard.NotSshException notSsh(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IdentificationGuard.NotSshException n) {
                return n;
            }
        }
        return null;
    }

    private Duration connectTimeout() {
        return options.connectTimeoutOverride() != null ? options.connectTimeoutOverride()
                : inventory.defaults().connectTimeout();
    }

    private static void disconnectQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException e) {
            // closing a broken connection; nothing to report
        }
    }

    /** The host-key policy of the endpoint's known_hosts file and mode (one per combination, shared). */
    private HostKeyPolicy policyFor(Endpoint endpoint) {
        Path defaultFile = Path.of(HomePaths.expandHome(inventory.defaults().knownHosts()));
        if (endpoint.knownHosts().equals(defaultFile) && endpoint.acceptNew() == options.acceptNewHostKeys()) {
            return hostKeys;
        }
        return policies.computeIfAbsent(endpoint.knownHosts() + "\0" + endpoint.acceptNew(),
                k -> new HostKeyPolicy(endpoint.knownHosts(), endpoint.acceptNew(), options.hostKeyRecorded()));
    }

    /**
     * Checks the host key with the policy and remembers it (or the refusal) for this connection. A host
     * reached at an address decided during the run must show the key known for its inventory address.
     */
    private static final class Verifier implements HostKeyVerifier {
        private final Host host;
        private final String keyAddress;
        private final HostKeyPolicy hostKeys;
        volatile TransportException refusal;
        volatile String keyType;
        volatile String fingerprint;

        Verifier(Host host, String keyAddress, HostKeyPolicy hostKeys) {
            this.host = host;
            this.keyAddress = keyAddress;
            this.hostKeys = hostKeys;
        }

        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            byte[] blob = HostKeyPolicy.encode(key);
            try {
                hostKeys.check(host.name(), keyAddress, host.port(), blob);
                keyType = HostKeyPolicy.keyType(blob);
                fingerprint = HostKeyPolicy.fingerprint(blob);
                return true;
            } catch (TransportException e) {
                refusal = e;
                return false;
            }
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            return hostKeys.knownAlgorithms(keyAddress, host.port());
        }
    }

    /** A password from a secret, handed to sshj once per attempt (never retried, never logged). */
    private static final class FixedPassword implements PasswordFinder {
        private final String password;

        FixedPassword(String password) {
            this.password = password;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            return password.toCharArray();
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return false;
        }
    }
}
