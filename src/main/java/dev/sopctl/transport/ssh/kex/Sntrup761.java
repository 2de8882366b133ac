package dev.sopctl.transport.ssh.kex;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>At most one key generation per core runs at a time ({@link #GENERATIONS}): a fan-out's
 * connections all need theirs at once, and sharing the cores between 200 of them made each take
 * 200 times as long, so under load every handshake passed its connect_timeout together. Queued,
 * they finish one after another, and only those still waiting at the deadline fail.
 */
final class Sntrup761 implements Kem {
    static final int PUBLIC_KEY_BYTES = 1158;
    static final int CIPHERTEXT_BYTES = 1039;

    /** The pair made ahead (done or in progress), or null; taken by one exchange. */
    private static final AtomicReference<CompletableFuture<Sntrup761>> AHEAD = new AtomicReference<>();

    static final int GENERATIONS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final Semaphore GENERATING = new Semaphore(GENERATIONS, true);
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    private final byte[] publicKey;
    private final SNTRUPrimePrivateKeyParameters privateKey;

    Sntrup761(SecureRandom random) {
        try {
            GENERATING.acquire();
        } catch (InterruptedException e) {
            // the handshake was given up (its deadline passed, the run was interrupted): so is its key
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to make an sntrup761 key pair", e);
        }
        try {
            MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            SNTRUPrimeKeyPairGenerator generator = new SNTRUPrimeKeyPairGenerator();
            generator.init(new SNTRUPrimeKeyGenerationParameters(random, SNTRUPrimeParameters.sntrup761));
            AsymmetricCipherKeyPair pair = generator.generateKeyPair();
            this.publicKey = ((SNTRUPrimePublicKeyParameters) pair.getPublic()).getEncoded();
            this.privateKey = (SNTRUPrimePrivateKeyParameters) pair.getPrivate();
        } finally {
            RUNNING.decrementAndGet();
            GENERATING.release();
        }
    }

    /** The most key generations that ran at the same time in this JVM (for tests). */
    static int mostAtOnce() {
        return MOST_AT_ONCE.get();
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
