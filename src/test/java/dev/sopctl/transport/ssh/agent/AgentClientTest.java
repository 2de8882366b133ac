package dev.sopctl.transport.ssh.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AgentClient} against a real ssh-agent: listing, signing (ed25519, RSA SHA-2), refusals. */
class AgentClientTest {
    @TempDir
    Path dir;
    TestAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = TestAgent.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    @Test
    void listsTheKeysSshAddLoadedInOrderWithTheirComments() throws Exception {
        Path ed = agent.newKey("ed25519", "id_ed");
        Path rsa = agent.newKey("rsa", "id_rsa_test");
        agent.add(ed);
        agent.add(rsa);
        try (AgentClient client = AgentClient.connect(agent.socket())) {
            List<AgentKey> keys = client.identities();
            assertThat(keys).extracting(AgentKey::type).containsExactly("ssh-ed25519", "ssh-rsa");
            assertThat(keys.get(0).blob()).isEqualTo(TestAgent.publicBlob(ed));
            assertThat(keys.get(1).blob()).isEqualTo(TestAgent.publicBlob(rsa));
            assertThat(keys.get(0).comment()).isEqualTo("id_ed");
            assertThat(keys.get(0).fingerprint()).startsWith("SHA256:").hasSize(7 + 43);
        }
    }

    @Test
    void ed25519SignatureVerifiesWithThePublicKey() throws Exception {
        Path ed = agent.newKey("ed25519", "id_ed");
        agent.add(ed);
        byte[] data = "session id and request".getBytes(StandardCharsets.UTF_8);
        try (AgentClient client = AgentClient.connect(agent.socket())) {
            AgentKey key = client.identities().get(0);
            ByteBuffer sig = ByteBuffer.wrap(client.sign(key, data, 0));
            assertThat(string(sig)).isEqualTo("ssh-ed25519");
            byte[] raw = bytes(sig);
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(ed25519Public(key.blob()));
            v.update(data);
            assertThat(v.verify(raw)).isTrue();
        }
    }

    @Test
    void rsaSignsWithSha256OrSha512AsTheFlagAsks() throws Exception {
        Path rsa = agent.newKey("rsa", "id_rsa_test");
        agent.add(rsa);
        byte[] data = "to be signed".getBytes(StandardCharsets.UTF_8);
        try (AgentClient client = AgentClient.connect(agent.socket())) {
            AgentKey key = client.identities().get(0);
            PublicKey pub = rsaPublic(key.blob());
            for (var c : List.of(new Object[] {AgentClient.RSA_SHA2_256, "rsa-sha2-256", "SHA256withRSA"},
                    new Object[] {AgentClient.RSA_SHA2_512, "rsa-sha2-512", "SHA512withRSA"})) {
                ByteBuffer sig = ByteBuffer.wrap(client.sign(key, data, (Integer) c[0]));
                assertThat(string(sig)).isEqualTo(c[1]);
                Signature v = Signature.getInstance((String) c[2]);
                v.initVerify(pub);
                v.update(data);
                assertThat(v.verify(bytes(sig))).as((String) c[1]).isTrue();
            }
        }
    }

    @Test
    void aKeyTheAgentNoLongerHoldsIsRefusedByName() throws Exception {
        Path ed = agent.newKey("ed25519", "id_ed");
        agent.add(ed);
        try (AgentClient client = AgentClient.connect(agent.socket())) {
            AgentKey key = client.identities().get(0);
            agent.removeAll();
            assertThatThrownBy(() -> client.sign(key, new byte[] {1}, 0))
                    .isInstanceOf(AgentException.class)
                    .hasMessageContaining("refused to sign with ssh-ed25519 " + key.fingerprint());
            assertThat(client.identities()).isEmpty();
        }
    }

    @Test
    void aMissingOrDeadSocketIsNamed() throws Exception {
        Path none = dir.resolve("no-such.sock");
        assertThatThrownBy(() -> AgentClient.connect(none))
                .isInstanceOf(AgentException.class).hasMessage("agent socket " + none + " does not exist");
        agent.close();
        assertThatThrownBy(() -> AgentClient.connect(agent.socket()))
                .isInstanceOf(AgentException.class)
                .hasMessageStartingWith("agent socket " + agent.socket());
        Path plain = Files.writeString(dir.resolve("not-a-socket"), "x");
        assertThatThrownBy(() -> AgentClient.connect(plain))
                .isInstanceOf(AgentException.class).hasMessageContaining("refused the connection");
    }

    private static String string(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.getInt()];
        b.get(out);
        return out;
    }

    private static PublicKey rsaPublic(byte[] blob) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(blob);
        bytes(b);
        BigInteger e = new BigInteger(bytes(b));
        BigInteger n = new BigInteger(bytes(b));
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    private static PublicKey ed25519Public(byte[] blob) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(blob);
        bytes(b);
        byte[] raw = bytes(b);
        // X.509 wrapping of a raw Ed25519 key: fixed 12-byte prefix (RFC 8410)
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        byte[] der = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(raw, 0, der, prefix.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
    }
}
