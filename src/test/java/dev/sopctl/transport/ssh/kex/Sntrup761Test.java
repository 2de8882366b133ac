package dev.sopctl.transport.ssh.kex;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePublicKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * {@link Sntrup761}'s sizes and round trip. Its agreement with an independent implementation is
 * PostQuantumKexLabTest's: OpenSSH's C sntrup761 decapsulates what this key pair's public key
 * encrypts only if BouncyCastle's encodings and arithmetic are the same.
 */
class Sntrup761Test {
    @Test
    void freshKeysHaveOpenSshSizesAndRoundTrip() {
        Sntrup761 kem = new Sntrup761(new SecureRandom());
        SecretWithEncapsulation sent = new SNTRUPrimeKEMGenerator(new SecureRandom())
                .generateEncapsulated(new SNTRUPrimePublicKeyParameters(SNTRUPrimeParameters.sntrup761, kem.publicKey()));

        assertThat(kem.publicKey()).hasSize(Sntrup761.PUBLIC_KEY_BYTES);
        assertThat(sent.getEncapsulation()).hasSize(Sntrup761.CIPHERTEXT_BYTES).hasSize(kem.ciphertextLength());
        assertThat(kem.decapsulate(sent.getEncapsulation())).hasSize(32).isEqualTo(sent.getSecret());
    }

    @Test
    void aTamperedCiphertextGivesAnotherSecret() {
        Sntrup761 kem = new Sntrup761(new SecureRandom());
        SecretWithEncapsulation sent = new SNTRUPrimeKEMGenerator(new SecureRandom())
                .generateEncapsulated(new SNTRUPrimePublicKeyParameters(SNTRUPrimeParameters.sntrup761, kem.publicKey()));
        byte[] tampered = sent.getEncapsulation();
        tampered[100] ^= 1;

        assertThat(kem.decapsulate(tampered)).hasSize(32).isNotEqualTo(sent.getSecret());
    }

    @Test
    void aPairMadeAheadServesOneExchangeOnly() {
        Sntrup761.prepareAhead(new SecureRandom());

        Sntrup761 first = Sntrup761.take(new SecureRandom());
        Sntrup761 second = Sntrup761.take(new SecureRandom());

        assertThat(first.publicKey()).isNotEqualTo(second.publicKey());
        for (Sntrup761 kem : java.util.List.of(first, second)) {
            SecretWithEncapsulation sent = new SNTRUPrimeKEMGenerator(new SecureRandom())
                    .generateEncapsulated(new SNTRUPrimePublicKeyParameters(SNTRUPrimeParameters.sntrup761, kem.publicKey()));
            assertThat(kem.decapsulate(sent.getEncapsulation())).isEqualTo(sent.getSecret());
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aFanOutsKeyGenerationsRunAtMostOnePerCoreAtOnce() throws Exception {
        // given more connections wanting a key pair at once than there are cores
        int wanted = Sntrup761.GENERATIONS * 4 + 2;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(wanted);
        java.util.List<java.util.concurrent.CompletableFuture<Sntrup761>> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < wanted; i++) {
            java.util.concurrent.CompletableFuture<Sntrup761> pair = new java.util.concurrent.CompletableFuture<>();
            pairs.add(pair);
            new Thread(() -> {
                try {
                    together.await();
                    pair.complete(new Sntrup761(new SecureRandom()));
                } catch (Throwable e) {
                    pair.completeExceptionally(e);
                }
            }).start();
        }

        // then each got its own pair, and no more were being made at once than there are cores
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (var pair : pairs) {
            keys.add(java.util.HexFormat.of().formatHex(pair.get().publicKey()));
        }
        assertThat(keys).hasSize(wanted);
        assertThat(Sntrup761.mostAtOnce()).isBetween(1, Sntrup761.GENERATIONS);
    }

    @Test
    void aHandshakeGivenUpWhileWaitingForItsTurnMakesNoKey() throws Exception {
        // given a thread that is interrupted (its handshake's deadline passed) before it gets a turn
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                new Sntrup761(new SecureRandom());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.join();

        // then it stops with a clear reason instead of making a key nobody will use
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("interrupted");
    }
}
