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
}
