package dev.sopctl.transport.ssh.kex;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMExtractor;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyPairGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePrivateKeyParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePublicKeyParameters;

/**
 * Streamlined NTRU Prime 761 (BouncyCastle): 1158-byte public key, 1039-byte ciphertext, 32-byte secret.
 *
 * <p>Its key generation is the costly part of a connection: about 35 ms of CPU warm and 0.1-0.3 s
 * in a fresh JVM, where it runs interpreted. {@link #prepareAhead()} makes one key pair on a
 * background thread while the run is still planning, and {@link #take} hands it to the first
 * exchange that needs one; every pair still serves exactly one exchange.
 */
final class Sntrup761 implements Kem {
    static final int PUBLIC_KEY_BYTES = 1158;
    static final int CIPHERTEXT_BYTES = 1039;

    /** The pair made ahead (done or in progress), or null; taken by one exchange. */
    private static final AtomicReference<CompletableFuture<Sntrup761>> AHEAD = new AtomicReference<>();

    private final byte[] publicKey;
    private final SNTRUPrimePrivateKeyParameters privateKey;

    Sntrup761(SecureRandom random) {
        SNTRUPrimeKeyPairGenerator generator = new SNTRUPrimeKeyPairGenerator();
        generator.init(new SNTRUPrimeKeyGenerationParameters(random, SNTRUPrimeParameters.sntrup761));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        this.publicKey = ((SNTRUPrimePublicKeyParameters) pair.getPublic()).getEncoded();
        this.privateKey = (SNTRUPrimePrivateKeyParameters) pair.getPrivate();
    }

    /** Starts making one key pair on a daemon thread, unless one is already made or being made. */
    static void prepareAhead(SecureRandom random) {
        CompletableFuture<Sntrup761> pair = new CompletableFuture<>();
        if (AHEAD.compareAndSet(null, pair)) {
            Thread t = new Thread(() -> {
                try {
                    pair.complete(new Sntrup761(random));
                } catch (RuntimeException | Error e) {
                    pair.completeExceptionally(e);
                }
            }, "sopctl-sntrup761-ahead");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The pair made ahead (waiting for it when it is still being made), else a new one. */
    static Sntrup761 take(SecureRandom random) {
        CompletableFuture<Sntrup761> ahead = AHEAD.getAndSet(null);
        if (ahead != null) {
            try {
                return ahead.join();
            } catch (CompletionException e) {
                // made in the background only to save time: make it here, where a failure is reported
            }
        }
        return new Sntrup761(random);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public int ciphertextLength() {
        return CIPHERTEXT_BYTES;
    }

    @Override
    public byte[] decapsulate(byte[] ciphertext) {
        return new SNTRUPrimeKEMExtractor(privateKey).extractSecret(ciphertext);
    }
}
