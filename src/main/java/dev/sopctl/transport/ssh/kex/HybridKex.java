package dev.sopctl.transport.ssh.kex;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.signature.Signature;
import net.schmizz.sshj.transport.Transport;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.digest.Digest;
import net.schmizz.sshj.transport.kex.KeyExchangeBase;

/**
 * A post-quantum/classical hybrid key exchange: a KEM combined with X25519, as OpenSSH's
 * {@code sntrup761x25519-sha512} (draft-josefsson-ntruprime-ssh) and {@code mlkem768x25519-sha256}
 * (draft-ietf-sshm-mlkem-hybrid-kex) define it. The client sends
 * {@code string(kem public key || x25519 public key)} in SSH_MSG_KEX_ECDH_INIT (30); the server
 * replies in SSH_MSG_KEX_ECDH_REPLY (31) with its host key, {@code string(kem ciphertext || x25519
 * public key)} and the signature of the exchange hash. Then
 * <pre>
 *   K = HASH(kem shared secret || x25519 shared secret)             (raw bytes; K is a string)
 *   H = HASH(V_C || V_S || I_C || I_S || string K_S || string C_INIT || string S_REPLY || string K)
 * </pre>
 * with HASH SHA-512 or SHA-256, which also derives the session keys. Breaking it needs both the KEM
 * and X25519 broken.
 */
final class HybridKex extends KeyExchangeBase {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final Function<SecureRandom, Kem> kems;
    private final String combinerAlgorithm;
    private Kem kem;
    private X25519 x25519;
    private byte[] clientInit;
    private byte[] k;

    /**
     * @param name              the algorithm's SSH name, for messages
     * @param kems              makes the KEM's key pair for one exchange
     * @param exchangeHash      sshj's digest for H and the session keys
     * @param combinerAlgorithm the JDK name of the same hash, for K
     */
    HybridKex(String name, Function<SecureRandom, Kem> kems, Digest exchangeHash, String combinerAlgorithm) {
        super(exchangeHash);
        this.name = name;
        this.kems = kems;
        this.combinerAlgorithm = combinerAlgorithm;
    }

    @Override
    public void init(Transport trans, String V_S, String V_C, byte[] I_S, byte[] I_C)
            throws GeneralSecurityException, TransportException {
        super.init(trans, V_S, V_C, I_S, I_C);
        digest.init();
        kem = kems.apply(RANDOM);
        x25519 = X25519.generate(RANDOM);
        clientInit = concat(kem.publicKey(), x25519.publicKey());
        trans.write(new SSHPacket(Message.KEXDH_INIT).putString(clientInit));
    }

    @Override
    public boolean next(Message msg, SSHPacket packet) throws GeneralSecurityException, TransportException {
        if (msg != Message.KEXDH_31) {
            throw new TransportException(DisconnectReason.KEY_EXCHANGE_FAILED, name + ": unexpected packet " + msg);
        }
        byte[] hostKeyBlob;
        byte[] serverReply;
        byte[] signatureBlob;
        try {
            hostKeyBlob = packet.readBytes();
            serverReply = packet.readBytes();
            signatureBlob = packet.readBytes();
            hostKey = new Buffer.PlainBuffer(hostKeyBlob).readPublicKey();
        } catch (Buffer.BufferException e) {
            throw new TransportException(DisconnectReason.KEY_EXCHANGE_FAILED, name + ": malformed server reply", e);
        }
        int expected = kem.ciphertextLength() + X25519.KEY_BYTES;
        if (serverReply.length != expected) {
            throw new TransportException(DisconnectReason.KEY_EXCHANGE_FAILED, name + ": the server's reply is "
                    + serverReply.length + " bytes, expected " + expected);
        }
        k = sharedSecret(Arrays.copyOfRange(serverReply, 0, kem.ciphertextLength()),
                Arrays.copyOfRange(serverReply, kem.ciphertextLength(), expected));

        Buffer.PlainBuffer exchange = initializedBuffer()
                .putString(hostKeyBlob)
                .putString(clientInit)
                .putString(serverReply)
                .putString(k);
        digest.update(exchange.array(), exchange.rpos(), exchange.available());
        H = digest.digest();

        Signature signature = trans.getHostKeyAlgorithm().newSignature();
        signature.initVerify(hostKey instanceof Certificate<?> c ? c.getKey() : hostKey);
        signature.update(H, 0, H.length);
        if (!signature.verify(signatureBlob)) {
            throw new TransportException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    name + ": the server's signature of the exchange hash does not verify");
        }
        verifyCertificate(hostKeyBlob);
        return true;
    }

    @Override
    public BigInteger getK() {
        return new StringEncodedSecret(k);
    }

    private byte[] sharedSecret(byte[] ciphertext, byte[] serverX25519) throws GeneralSecurityException {
        byte[] kemSecret = kem.decapsulate(ciphertext);
        byte[] classicalSecret = x25519.agree(serverX25519);
        try {
            MessageDigest combiner = MessageDigest.getInstance(combinerAlgorithm);
            combiner.update(kemSecret);
            combiner.update(classicalSecret);
            return combiner.digest();
        } finally {
            Arrays.fill(kemSecret, (byte) 0);
            Arrays.fill(classicalSecret, (byte) 0);
        }
    }

    /** As sshj's own exchanges do for a host certificate, when the configuration asks for it. */
    private void verifyCertificate(byte[] hostKeyBlob) throws TransportException {
        if (hostKey instanceof Certificate<?> certificate && trans.getConfig().isVerifyHostKeyCertificates()) {
            try {
                String error = KeyType.CertUtils.verifyHostCertificate(hostKeyBlob, certificate, trans.getRemoteHost());
                if (error != null) {
                    throw new TransportException(DisconnectReason.KEY_EXCHANGE_FAILED,
                            name + ": host certificate check failed: " + error);
                }
            } catch (Buffer.BufferException | SSHRuntimeException e) {
                throw new TransportException(DisconnectReason.KEY_EXCHANGE_FAILED, name + ": host certificate check failed", e);
            }
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
