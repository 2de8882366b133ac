package dev.sopctl.transport.ssh.kex;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) with the JDK's own implementation, on the raw 32-byte little-endian encodings
 * that SSH carries. One key pair, one agreement.
 */
final class X25519 {
    static final int KEY_BYTES = 32;

    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private X25519(PrivateKey privateKey, byte[] publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static X25519 generate(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
        generator.initialize(NamedParameterSpec.X25519, random);
        KeyPair pair = generator.generateKeyPair();
        return new X25519(pair.getPrivate(), encode(((XECPublicKey) pair.getPublic()).getU()));
    }

    /** A known private scalar (32 bytes, clamped as RFC 7748 says), for test vectors. */
    static X25519 fromPrivate(byte[] scalar) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("X25519");
        PrivateKey key = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
        KeyAgreement base = KeyAgreement.getInstance("X25519");
        base.init(key);
        byte[] nine = new byte[KEY_BYTES];
        nine[0] = 9;
        base.doPhase(publicKey(factory, nine), true);
        return new X25519(key, base.generateSecret());
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * The shared secret with the peer's public key.
     *
     * @throws GeneralSecurityException for a peer key of low order (the JDK refuses an all-zero
     *                                  result, as RFC 7748 section 6.1 allows and OpenSSH does)
     */
    byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
        if (peerPublicKey.length != KEY_BYTES) {
            throw new GeneralSecurityException("X25519 public key of " + peerPublicKey.length + " bytes, expected " + KEY_BYTES);
        }
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(privateKey);
        agreement.doPhase(publicKey(KeyFactory.getInstance("X25519"), peerPublicKey), true);
        return agreement.generateSecret();
    }

    private static java.security.PublicKey publicKey(KeyFactory factory, byte[] littleEndian) throws GeneralSecurityException {
        byte[] bigEndian = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            bigEndian[i] = littleEndian[KEY_BYTES - 1 - i];
        }
        bigEndian[0] &= 0x7f; // RFC 7748 section 5: the top bit of the u-coordinate is ignored
        return factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
    }

    private static byte[] encode(BigInteger u) {
        byte[] bigEndian = u.toByteArray();
        byte[] out = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
