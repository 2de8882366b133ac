package dev.sopctl.transport.ssh.kex;

import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMExtractor;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyPairGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePrivateKeyParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePublicKeyParameters;

/** Streamlined NTRU Prime 761 (BouncyCastle): 1158-byte public key, 1039-byte ciphertext, 32-byte secret. */
final class Sntrup761 implements Kem {
    static final int PUBLIC_KEY_BYTES = 1158;
    static final int CIPHERTEXT_BYTES = 1039;

    private final byte[] publicKey;
    private final SNTRUPrimePrivateKeyParameters privateKey;

    Sntrup761(SecureRandom random) {
        SNTRUPrimeKeyPairGenerator generator = new SNTRUPrimeKeyPairGenerator();
        generator.init(new SNTRUPrimeKeyGenerationParameters(random, SNTRUPrimeParameters.sntrup761));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        this.publicKey = ((SNTRUPrimePublicKeyParameters) pair.getPublic()).getEncoded();
        this.privateKey = (SNTRUPrimePrivateKeyParameters) pair.getPrivate();
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
