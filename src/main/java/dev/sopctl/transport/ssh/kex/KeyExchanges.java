package dev.sopctl.transport.ssh.kex;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.security.SecureRandom;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.digest.SHA256;
import net.schmizz.sshj.transport.digest.SHA512;
import net.schmizz.sshj.transport.kex.KeyExchange;

/**
 * The key exchanges sopctl offers: the post-quantum hybrids first, in OpenSSH 10's order, then
 * sshj's classical ones. A server that offers a hybrid gets it ("store now, decrypt later" cannot
 * read the session); one that does not (OpenSSH before 9.0) still gets curve25519.
 */
public final class KeyExchanges {
    public static final String MLKEM768_X25519 = "mlkem768x25519-sha256";
    public static final String SNTRUP761_X25519 = "sntrup761x25519-sha512";
    public static final String SNTRUP761_X25519_OPENSSH = "sntrup761x25519-sha512@openssh.com";

    private KeyExchanges() {}

    /**
     * Starts making an sntrup761 key pair in the background, for the first connection that
     * negotiates sntrup761x25519 (Debian 12's OpenSSH offers it first). At most one pair waits at
     * a time; when no server picks sntrup761, it costs one key generation on an idle core.
     */
    public static void prepareAhead() {
        Sntrup761.prepareAhead(new SecureRandom());
    }

    /**
     * Runs the JDK parts of the hybrid exchanges once (an X25519 agreement, SHA-256 and SHA-512),
     * so that their classes are loaded before the first handshake needs them.
     */
    public static void warmUp() throws java.security.GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        X25519 a = X25519.generate(random);
        X25519.generate(random).agree(a.publicKey());
        java.security.MessageDigest.getInstance("SHA-256").digest(a.publicKey());
        java.security.MessageDigest.getInstance("SHA-512").digest(a.publicKey());
    }

    /** The post-quantum hybrids, most preferred first. */
    public static List<Factory.Named<KeyExchange>> postQuantum() {
        return List.of(
                factory(MLKEM768_X25519, MlKem768::new, true),
                factory(SNTRUP761_X25519, Sntrup761::take, false),
                factory(SNTRUP761_X25519_OPENSSH, Sntrup761::take, false));
    }

    /** {@link #postQuantum()} ahead of {@code classical} (sshj's defaults), without duplicates. */
    public static List<Factory.Named<KeyExchange>> postQuantumFirst(List<Factory.Named<KeyExchange>> classical) {
        List<Factory.Named<KeyExchange>> all = new ArrayList<>(postQuantum());
        for (Factory.Named<KeyExchange> f : classical) {
            if (all.stream().noneMatch(p -> p.getName().equals(f.getName()))) {
                all.add(f);
            }
        }
        return all;
    }

    private static Factory.Named<KeyExchange> factory(String name, Function<SecureRandom, Kem> kem, boolean sha256) {
        return new Factory.Named<>() {
            @Override
            public KeyExchange create() {
                return sha256 ? new HybridKex(name, kem, new SHA256(), "SHA-256")
                        : new HybridKex(name, kem, new SHA512(), "SHA-512");
            }

            @Override
            public String getName() {
                return name;
            }
        };
    }
}
