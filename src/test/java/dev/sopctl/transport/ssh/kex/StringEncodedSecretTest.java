package dev.sopctl.transport.ssh.kex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sshj writes K with putMPInt; for the hybrids that must come out as the string encoding, byte for byte. */
class StringEncodedSecretTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", // leading zero (an mpint drops it)
            "0000000000000000000000000000000000000000000000000000000000000001",
            "80112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", // top bit set (an mpint adds 00)
            "ff80000000000000000000000000000000000000000000000000000000000000",
            "7f112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"})
    void putMpIntWritesTheStringEncoding(String hex) {
        byte[] k = HexFormat.of().parseHex(hex);

        byte[] asMpInt = new Buffer.PlainBuffer().putMPInt(new StringEncodedSecret(k)).getCompactData();
        byte[] asString = new Buffer.PlainBuffer().putString(k).getCompactData();

        assertThat(asMpInt).isEqualTo(asString);
    }
}
