package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportException.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeyPolicyTest {
    @TempDir
    Path dir;

    private final byte[] key = HostKeyPolicy.encode(TestSshServer.newEcKey().getPublic());
    private final byte[] otherKey = HostKeyPolicy.encode(TestSshServer.newEcKey().getPublic());

    /** An OpenSSH hashed host name ({@code HashKnownHosts yes}) with a fixed salt. */
    static String hashed(String name) throws Exception {
        byte[] salt = new byte[20];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 7 + 1);
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
        return "|1|" + Base64.getEncoder().encodeToString(salt) + "|" + Base64.getEncoder().encodeToString(hash);
    }

    private Path file(String... lines) throws Exception {
        Path kh = dir.resolve("known_hosts");
        Files.write(kh, List.of(lines));
        return kh;
    }

    private String b64(byte[] k) {
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void fingerprintAndTypeAreWhatSshKeygenPrints() throws Exception {
        // ssh-keygen -lf keys/id_ed25519.pub, keys/id_rsa_pem.pub
        assertThat(HostKeyPolicy.fingerprint(blobOf("id_ed25519.pub"))).isEqualTo("SHA256:8kAiuSzhjyNT/ceRENVVHRAYmq/WIUDnP17Z75nU1J8");
        assertThat(HostKeyPolicy.keyType(blobOf("id_ed25519.pub"))).isEqualTo("ssh-ed25519");
        assertThat(HostKeyPolicy.fingerprint(blobOf("id_rsa_pem.pub"))).isEqualTo("SHA256:AnVg3L3aJGhuXM/GiqZMgSzbOnnzspDTZDLlcOinyvE");
        assertThat(HostKeyPolicy.keyType(blobOf("id_rsa_pem.pub"))).isEqualTo("ssh-rsa");
    }

    private static byte[] blobOf(String pubFile) throws Exception {
        return Base64.getDecoder().decode(Files.readString(TestInventories.key(pubFile)).split(" ")[1]);
    }

    @Test
    void matchesPlainHashedPortWildcardAndNegatedPatterns() throws Exception {
        HostKeyPolicy policy = new HostKeyPolicy(file(
                "10.0.0.1,node1 ecdsa-sha2-nistp256 " + b64(key),
                hashed("10.0.0.2") + " ecdsa-sha2-nistp256 " + b64(key),
                "[10.0.0.3]:2222 ecdsa-sha2-nistp256 " + b64(key),
                "10.1.*,!10.1.0.9 ecdsa-sha2-nistp256 " + b64(key)), false, null);

        policy.check("a", "10.0.0.1", 22, key);
        policy.check("b", "10.0.0.2", 22, key);
        policy.check("c", "10.0.0.3", 2222, key);
        policy.check("d", "10.1.2.3", 22, key);
        assertThat(catchThrowableOfType(TransportException.class, () -> policy.check("e", "10.0.0.3", 22, key)).kind())
                .isEqualTo(Kind.HOST_KEY_UNKNOWN);
        assertThat(catchThrowableOfType(TransportException.class, () -> policy.check("f", "10.1.0.9", 22, key)).kind())
                .isEqualTo(Kind.HOST_KEY_UNKNOWN);
        assertThat(catchThrowableOfType(TransportException.class, () -> policy.check("g", "10.0.0.2", 2222, key)).kind())
                .isEqualTo(Kind.HOST_KEY_UNKNOWN);
    }

    @Test
    void aChangedKeyNamesTheLineToRemove() throws Exception {
        Path kh = file("# comment", "", hashed("[10.0.0.1]:2222") + " ecdsa-sha2-nistp256 " + b64(otherKey));
        HostKeyPolicy policy = new HostKeyPolicy(kh, true, null);

        TransportException e = catchThrowableOfType(TransportException.class, () -> policy.check("node1", "10.0.0.1", 2222, key));

        assertThat(e.kind()).isEqualTo(Kind.HOST_KEY_CHANGED);
        assertThat(e.getMessage()).contains("node1", "[10.0.0.1]:2222", HostKeyPolicy.fingerprint(key),
                HostKeyPolicy.fingerprint(otherKey), "line 3");
        assertThat(e.hint()).contains("remove the old line 3 of " + kh, "ssh-keygen -R '[10.0.0.1]:2222'");
    }

    @Test
    void aKeyOfAnotherTypeIsUnknownNotChangedAndItsTypeIsOfferedFirst() throws Exception {
        HostKeyPolicy policy = new HostKeyPolicy(file("node1 ssh-rsa " + b64(otherKey)), false, null);

        TransportException e = catchThrowableOfType(TransportException.class, () -> policy.check("node1", "node1", 22, key));

        assertThat(e.kind()).isEqualTo(Kind.HOST_KEY_UNKNOWN);
        assertThat(e.getMessage()).contains("lists only ssh-rsa");
        assertThat(policy.knownAlgorithms("node1", 22)).containsExactly("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
    }

    @Test
    void aRevokedKeyIsRefusedEvenInAcceptNewMode() throws Exception {
        HostKeyPolicy policy = new HostKeyPolicy(file("@revoked * ecdsa-sha2-nistp256 " + b64(key)), true, null);

        TransportException e = catchThrowableOfType(TransportException.class, () -> policy.check("node1", "10.0.0.1", 22, key));

        assertThat(e.kind()).isEqualTo(Kind.HOST_KEY_CHANGED);
        assertThat(e.getMessage()).contains("REVOKED");
    }

    @Test
    void aLineWithAnUnknownMarkerIsIgnoredAsOpenSshIgnoresIt() throws Exception {
        HostKeyPolicy policy = new HostKeyPolicy(file(
                "@revoke 10.0.0.1 ecdsa-sha2-nistp256 " + b64(key),
                "@Revoked 10.0.0.1 ecdsa-sha2-nistp256 " + b64(key),
                "@trusted 10.0.0.1 ecdsa-sha2-nistp256 " + b64(key),
                "@future-marker 10.0.0.2 ecdsa-sha2-nistp256 " + b64(otherKey),
                "10.0.0.2 ecdsa-sha2-nistp256 " + b64(key)), false, null);

        TransportException unknown = catchThrowableOfType(TransportException.class, () -> policy.check("a", "10.0.0.1", 22, key));
        assertThat(unknown).as("a key listed only under an unknown marker is not trusted").isNotNull();
        assertThat(unknown.kind()).isEqualTo(Kind.HOST_KEY_UNKNOWN);
        // nor does such a line count as a different key for the host
        policy.check("b", "10.0.0.2", 22, key);
    }

    @Test
    void acceptNewAppendsPlainLinesOncePerKey() throws Exception {
        Path kh = file("node9 ecdsa-sha2-nistp256 " + b64(otherKey));
        List<HostKeyPolicy.Recorded> recorded = new ArrayList<>();
        HostKeyPolicy policy = new HostKeyPolicy(kh, true, recorded::add);

        policy.check("node1", "10.0.0.1", 22, key);
        policy.check("node1", "10.0.0.1", 22, key);
        policy.check("node2", "10.0.0.2", 2200, key);

        assertThat(Files.readAllLines(kh)).containsExactly(
                "node9 ecdsa-sha2-nistp256 " + b64(otherKey),
                "10.0.0.1 ecdsa-sha2-nistp256 " + b64(key),
                "[10.0.0.2]:2200 ecdsa-sha2-nistp256 " + b64(key));
        assertThat(recorded).extracting(HostKeyPolicy.Recorded::line).containsExactly(2, 3);
    }
}
