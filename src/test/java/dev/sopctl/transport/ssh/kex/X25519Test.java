package dev.sopctl.transport.ssh.kex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The JDK's X25519 through {@link X25519}'s encodings, on RFC 7748's test vectors. */
class X25519Test {
    private static final HexFormat HEX = HexFormat.of();

    private static String x25519(String scalar, String u) throws GeneralSecurityException {
        return HEX.formatHex(X25519.fromPrivate(HEX.parseHex(scalar)).agree(HEX.parseHex(u)));
    }

    @Test
    void section52Vectors() throws Exception {
        assertThat(x25519("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"))
                .isEqualTo("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        // the input u has its top bit set, which X25519 must ignore
        assertThat(x25519("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"))
                .isEqualTo("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
    }

    @Test
    void section52IteratedOneAndAThousandTimes() throws Exception {
        byte[] k = HEX.parseHex("0900000000000000000000000000000000000000000000000000000000000000");
        byte[] u = k.clone();
        for (int i = 1; i <= 1000; i++) {
            byte[] next = X25519.fromPrivate(k).agree(u);
            u = k;
            k = next;
            if (i == 1) {
                assertThat(HEX.formatHex(k)).isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
            }
        }
        assertThat(HEX.formatHex(k)).isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
    }

    @Test
    void section61DiffieHellman() throws Exception {
        X25519 alice = X25519.fromPrivate(HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        X25519 bob = X25519.fromPrivate(HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));

        assertThat(HEX.formatHex(alice.publicKey())).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assertThat(HEX.formatHex(bob.publicKey())).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        assertThat(HEX.formatHex(alice.agree(bob.publicKey())))
                .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
                .isEqualTo(HEX.formatHex(bob.agree(alice.publicKey())));
    }

    @Test
    void generatedKeysAgree() throws Exception {
        X25519 a = X25519.generate(new SecureRandom());
        X25519 b = X25519.generate(new SecureRandom());

        assertThat(a.publicKey()).hasSize(32);
        assertThat(a.agree(b.publicKey())).isEqualTo(b.agree(a.publicKey()));
    }

    @Test
    void aLowOrderPeerKeyOrAWrongLengthIsRefused() throws Exception {
        X25519 a = X25519.generate(new SecureRandom());

        assertThatThrownBy(() -> a.agree(new byte[32])).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> a.agree(new byte[31])).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("31 bytes");
    }
}
