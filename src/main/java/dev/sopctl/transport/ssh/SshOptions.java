package dev.sopctl.transport.ssh;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link SshjTransport} behaves beyond what the inventory says.
 *
 * @param acceptNewHostKeys      {@code --accept-new-host-keys}: record unknown host keys in known_hosts
 *                               and accept them (never a changed key). False: strict.
 * @param connectTimeoutOverride when non-null, replaces the inventory's {@code connect_timeout} (TCP
 *                               connect, SSH handshake and authentication, and every channel open)
 * @param keepAliveInterval      interval of {@code keepalive@openssh.com} requests on idle connections;
 *                               a connection that misses five in a row is dropped and reopened on
 *                               the next call. {@link Duration#ZERO} disables them.
 * @param environment            where {@code env:} secrets are read from (normally {@link System#getenv()})
 * @param passphrasePrompt       asks for passphrases of encrypted keys without a secret; null: no terminal
 * @param hostKeyRecorded        told about every host key appended to known_hosts (accept-new mode),
 *                               from the connecting thread; null: only logged
 * @param notices                told what the operator must know about how a host is reached (an
 *                               OpenSSH setting sopctl refuses or cannot follow); null: logged only
 * @param details                told how each host is reached (OpenSSH settings used, agent keys,
 *                               fallbacks), for {@code -v}; null: dropped
 */
public record SshOptions(
        boolean acceptNewHostKeys,
        Duration connectTimeoutOverride,
        Duration keepAliveInterval,
        Map<String, String> environment,
        PassphrasePrompt passphrasePrompt,
        Consumer<HostKeyPolicy.Recorded> hostKeyRecorded,
        Consumer<String> notices,
        Consumer<String> details) {

    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    public SshOptions {
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        if (keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepAliveInterval must not be negative");
        }
    }

    /** Strict host keys, inventory timeouts, 15 s keepalives, the process environment, no prompt. */
    public static SshOptions defaults() {
        return new SshOptions(false, null, DEFAULT_KEEP_ALIVE, System.getenv(), null, null, null, null);
    }

    public SshOptions withAcceptNewHostKeys(boolean accept) {
        return new SshOptions(accept, connectTimeoutOverride, keepAliveInterval, environment, passphrasePrompt, hostKeyRecorded, notices, details);
    }

    public SshOptions withConnectTimeout(Duration timeout) {
        return new SshOptions(acceptNewHostKeys, timeout, keepAliveInterval, environment, passphrasePrompt, hostKeyRecorded, notices, details);
    }

    public SshOptions withKeepAlive(Duration interval) {
        return new SshOptions(acceptNewHostKeys, connectTimeoutOverride, interval, environment, passphrasePrompt, hostKeyRecorded, notices, details);
    }

    public SshOptions withEnvironment(Map<String, String> env) {
        return new SshOptions(acceptNewHostKeys, connectTimeoutOverride, keepAliveInterval, env, passphrasePrompt, hostKeyRecorded, notices, details);
    }

    public SshOptions withPassphrasePrompt(PassphrasePrompt prompt) {
        return new SshOptions(acceptNewHostKeys, connectTimeoutOverride, keepAliveInterval, environment, prompt, hostKeyRecorded, notices, details);
    }

    public SshOptions withHostKeyRecorded(Consumer<HostKeyPolicy.Recorded> callback) {
        return new SshOptions(acceptNewHostKeys, connectTimeoutOverride, keepAliveInterval, environment, passphrasePrompt, callback, notices, details);
    }

    /** Where notices and {@code -v} details about reaching hosts go. */
    public SshOptions withMessages(Consumer<String> notices, Consumer<String> details) {
        return new SshOptions(acceptNewHostKeys, connectTimeoutOverride, keepAliveInterval, environment, passphrasePrompt,
                hostKeyRecorded, notices, details);
    }

    void notice(String message) {
        if (notices != null) {
            notices.accept(message);
        }
    }

    void detail(String message) {
        if (details != null) {
            details.accept(message);
        }
    }
}
