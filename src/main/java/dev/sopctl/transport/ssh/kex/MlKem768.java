package dev.sopctl.transport.ssh.kex;

import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/** ML-KEM-768 of FIPS 203 (BouncyCastle): 1184-byte public key, 1088-byte ciphertext, 32-byte secret. */
final class MlKem768 implements Kem {
    static final int PUBLIC_KEY_BYTES = 1184;
    static final int CIPHERTEXT_BYTES = 1088;

    private final byte[] publicKey;
    private final MLKEMPrivateKeyParameters privateKey;

    MlKem768(SecureRandom random) {
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_768));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        this.publicKey = ((MLKEMPublicKeyParameters) pair.getPublic()).getEncoded();
        this.privateKey = (MLKEMPrivateKeyParameters) pair.getPrivate();
    }

    /** The key pair of FIPS 203's ML-KEM.KeyGen_internal(d, z), for known-answer tests. */
    MlKem768(byte[] d, byte[] z) {
        this.privateKey = new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, HybridKex.concat(d, z))
                .withPreferredFormat(MLKEMPrivateKeyParameters.EXPANDED_KEY);
        this.publicKey = privateKey.getPublicKeyParameters().getEncoded();
    }

    /** The decapsulation key in FIPS 203's expanded encoding (2400 bytes), for known-answer tests. */
    byte[] decapsulationKey() {
        return privateKey.getEncoded();
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
        return new MLKEMExtractor(privateKey).extractSecret(ciphertext);
    }
}
