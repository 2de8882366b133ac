package dev.sopctl.transport.ssh.kex;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.junit.jupiter.api.Test;

/** {@link MlKem768} (BouncyCastle's ML-KEM-768) on C2SP/CCTV's accumulated vectors. */
class MlKem768Test {
    /**
     * CCTV "accumulated pq-crystals" for final FIPS 203 ML-KEM-768: d, z, m and an invalid
     * ciphertext drawn from one SHAKE-128 stream; ek, dk, ct, K and the implicit-rejection K of the
     * invalid ciphertext absorbed by another, 10,000 times. The expected hash is the one BoringSSL's
     * and LibreSSL's ML-KEM tests carry (the draft-era f7db260e... predates FIPS 203's key
     * generation change).
     */
    @Test
    void cctvAccumulatedVectors() {
        SHAKEDigest stream = new SHAKEDigest(128);
        SHAKEDigest absorbed = new SHAKEDigest(128);
        for (int i = 0; i < 10_000; i++) {
            byte[] d = draw(stream, 32);
            byte[] z = draw(stream, 32);
            MlKem768 kem = new MlKem768(d, z);
            absorb(absorbed, kem.publicKey());
            absorb(absorbed, kem.decapsulationKey());
            SecretWithEncapsulation sent = MLKEMGenerator.internalGenerateEncapsulated(
                    new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, kem.publicKey()), draw(stream, 32));
            absorb(absorbed, sent.getEncapsulation());
            absorb(absorbed, sent.getSecret());
            assertThat(kem.decapsulate(sent.getEncapsulation())).isEqualTo(sent.getSecret());
            absorb(absorbed, kem.decapsulate(draw(stream, MlKem768.CIPHERTEXT_BYTES)));
        }
        byte[] hash = new byte[32];
        absorbed.doFinal(hash, 0, 32);

        assertThat(HexFormat.of().formatHex(hash)).isEqualTo("f959d18d3d1180121433bf0e05f11e7908cf9d03edc150b2b07cb90bef5bc1c1");
    }

    @Test
    void freshKeysHaveTheWireSizesAndRoundTrip() throws Exception {
        MlKem768 kem = new MlKem768(new SecureRandom());
        SecretWithEncapsulation sent = new MLKEMGenerator(new SecureRandom())
                .generateEncapsulated(new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, kem.publicKey()));

        assertThat(kem.publicKey()).hasSize(MlKem768.PUBLIC_KEY_BYTES);
        assertThat(sent.getEncapsulation()).hasSize(kem.ciphertextLength());
        assertThat(kem.decapsulate(sent.getEncapsulation())).hasSize(32).isEqualTo(sent.getSecret());
        assertThat(new MlKem768(new SecureRandom()).publicKey()).isNotEqualTo(kem.publicKey());
    }

    private static byte[] draw(SHAKEDigest stream, int n) {
        byte[] out = new byte[n];
        stream.doOutput(out, 0, n);
        return out;
    }

    private static void absorb(SHAKEDigest digest, byte[] data) {
        digest.update(data, 0, data.length);
    }
}
