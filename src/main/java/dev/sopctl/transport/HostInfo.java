package dev.sopctl.transport;

import java.time.Duration;

/**
 * What a reachability probe found.
 *
 * @param serverVersion the SSH server's identification string (e.g. {@code SSH-2.0-OpenSSH_9.2p1})
 * @param keyType       host key algorithm (e.g. {@code ssh-ed25519})
 * @param fingerprint   {@code SHA256:...} of the host key
 * @param roundTrip     time of one no-op round trip on the connection
 * @param keyExchange   the negotiated key exchange (e.g. {@code sntrup761x25519-sha512@openssh.com})
 * @param cipher        the negotiated client-to-server cipher (e.g. {@code aes128-gcm@openssh.com})
 */
public record HostInfo(String serverVersion, String keyType, String fingerprint, Duration roundTrip,
        String keyExchange, String cipher) {}
