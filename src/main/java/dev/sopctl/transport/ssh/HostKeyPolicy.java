package dev.sopctl.transport.ssh;

import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import net.schmizz.sshj.common.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN.md §5 for host keys: a server's key is accepted only when an OpenSSH known_hosts entry for
 * its address and port holds exactly that key. Otherwise the connection is refused with the host,
 * the key type and the {@code SHA256:} fingerprint in the message:
 * <ul>
 *   <li>{@link Kind#HOST_KEY_CHANGED}: an entry of the same key type holds another key, or the key is
 *       marked {@code @revoked}. Never accepted, whatever the mode.</li>
 *   <li>{@link Kind#HOST_KEY_UNKNOWN}: no entry of that type. In accept-new mode
 *       ({@code --accept-new-host-keys}) the key is appended to the file instead and accepted.</li>
 * </ul>
 * A host with entries only of other key types is "unknown" for the offered type, as in OpenSSH; the
 * transport avoids that case by offering the known types first ({@link #knownAlgorithms}).
 *
 * <p>Recorded keys are written as plain {@code address} / {@code [address]:port} lines, not hashed:
 * the inventory beside the file already names every host in clear text, so hashing would hide
 * nothing, while plain lines can be reviewed and removed by name ({@code ssh-keygen -R} handles
 * both kinds).
 *
 * <p>Thread-safe: one policy serves every connection of a run; appends are serialised and the file
 * is re-read when it changed on disk.
 */
public final class HostKeyPolicy {
    private static final Logger log = LoggerFactory.getLogger(HostKeyPolicy.class);

    /** A host key appended to known_hosts in accept-new mode. */
    public record Recorded(String hostName, String address, int port, String keyType, String fingerprint,
            Path file, int line) {}

    private final KnownHosts knownHosts;
    private final boolean acceptNew;
    private final Consumer<Recorded> onRecorded;

    /**
     * @param knownHosts the OpenSSH known_hosts file (need not exist yet)
     * @param acceptNew  record and accept unknown keys
     * @param onRecorded told about each recorded key; may be null
     */
    public HostKeyPolicy(Path knownHosts, boolean acceptNew, Consumer<Recorded> onRecorded) {
        this.knownHosts = new KnownHosts(Objects.requireNonNull(knownHosts, "knownHosts"));
        this.acceptNew = acceptNew;
        this.onRecorded = onRecorded;
    }

    public Path file() {
        return knownHosts.file();
    }

    /** Checks (and in accept-new mode maybe records) the key {@code host} presented. */
    public void check(String hostName, String address, int port, PublicKey key) throws TransportException {
        check(hostName, address, port, encode(key));
    }

    /**
     * Checks an SSH wire-format public key blob.
     *
     * @throws TransportException {@link Kind#HOST_KEY_UNKNOWN} or {@link Kind#HOST_KEY_CHANGED}, or
     *                            {@link Kind#PROTOCOL} when the file cannot be read or written
     */
    public synchronized void check(String hostName, String address, int port, byte[] blob) throws TransportException {
        String type = keyType(blob);
        String fingerprint = fingerprint(blob);
        String where = hostName + " (" + KnownHosts.lookupName(address, port) + ")";
        List<KnownHosts.Entry> entries;
        try {
            entries = knownHosts.matching(address, port);
        } catch (IOException e) {
            throw new TransportException(hostName, Kind.PROTOCOL,
                    "cannot read known_hosts " + file() + ": " + e.getMessage(), null, e);
        }
        for (KnownHosts.Entry e : entries) {
            if (e.revoked() && KnownHosts.sameKey(e.key(), blob)) {
                throw new TransportException(hostName, Kind.HOST_KEY_CHANGED,
                        "host key of " + where + " is REVOKED: " + type + " " + fingerprint
                                + " is marked @revoked at line " + e.line() + " of " + file(),
                        "someone may be intercepting; do not connect until the host has a new key", null);
            }
        }
        List<KnownHosts.Entry> sameType = new ArrayList<>();
        for (KnownHosts.Entry e : entries) {
            if (e.revoked()) {
                continue;
            }
            if (KnownHosts.sameKey(e.key(), blob)) {
                return;
            }
            if (family(e.keyType()).equals(family(type))) {
                sameType.add(e);
            }
        }
        if (!sameType.isEmpty()) {
            KnownHosts.Entry old = sameType.get(0);
            throw new TransportException(hostName, Kind.HOST_KEY_CHANGED,
                    "host key of " + where + " has CHANGED: the server offers " + type + " " + fingerprint
                            + ", line " + old.line() + " of " + file() + " has " + old.keyType() + " "
                            + fingerprint(old.key()),
                    "someone may be intercepting; verify the new key out of band, then remove the old line "
                            + old.line() + " of " + file() + " (ssh-keygen -R '"
                            + KnownHosts.lookupName(address, port) + "' -f " + file() + ")",
                    null);
        }
        if (!acceptNew) {
            String others = entries.isEmpty() ? "" : " (it lists only " + typesOf(entries) + " keys for it)";
            throw new TransportException(hostName, Kind.HOST_KEY_UNKNOWN,
                    "host key of " + where + " is not known: " + type + " " + fingerprint + " is not in "
                            + file() + others,
                    "verify the fingerprint out of band, then add it (ssh-keyscan "
                            + (port == 22 ? "" : "-p " + port + " ") + "-t " + family(type) + " " + address
                            + " >> " + file() + ") or run once with --accept-new-host-keys",
                    null);
        }
        int line;
        try {
            line = knownHosts.append(address, port, type, blob);
        } catch (IOException e) {
            throw new TransportException(hostName, Kind.PROTOCOL,
                    "cannot record the host key of " + where + " in " + file() + ": " + e.getMessage(), null, e);
        }
        Recorded recorded = new Recorded(hostName, address, port, type, fingerprint, file(), line);
        log.info("{}: recorded new host key {} {} at line {} of {}", hostName, type, fingerprint, line, file());
        if (onRecorded != null) {
            onRecorded.accept(recorded);
        }
    }

    /**
     * Host key algorithms to offer first for {@code address:port}: those of its known keys (so a
     * server with an ed25519 and an RSA key, known by its RSA key, is checked against that one).
     */
    public synchronized List<String> knownAlgorithms(String address, int port) {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (KnownHosts.Entry e : knownHosts.matching(address, port)) {
                if (e.revoked()) {
                    continue;
                }
                if (family(e.keyType()).equals("ssh-rsa")) {
                    out.add("rsa-sha2-512");
                    out.add("rsa-sha2-256");
                }
                out.add(e.keyType());
            }
        } catch (IOException e) {
            log.debug("cannot read {}: {}", file(), e.toString());
        }
        return List.copyOf(out);
    }

    /** The SSH wire encoding of a public key. */
    public static byte[] encode(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    /** {@code SHA256:} and the unpadded base64 of the key blob's SHA-256, as {@code ssh-keygen -l} prints. */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fingerprint(PublicKey key) {
        return fingerprint(encode(key));
    }

    /** The key type named inside the blob (its first string), e.g. {@code ssh-ed25519}. */
    public static String keyType(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (b.remaining() < 4) {
            return "unknown";
        }
        int len = b.getInt();
        if (len < 0 || len > b.remaining() || len > 64) {
            return "unknown";
        }
        byte[] name = new byte[len];
        b.get(name);
        return new String(name, StandardCharsets.US_ASCII);
    }

    private static String family(String keyType) {
        return keyType.startsWith("rsa-sha2-") ? "ssh-rsa" : keyType;
    }

    private static String typesOf(List<KnownHosts.Entry> entries) {
        Set<String> types = new LinkedHashSet<>();
        entries.forEach(e -> types.add(e.keyType()));
        return String.join(", ", types);
    }
}
