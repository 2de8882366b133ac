package dev.sopctl.transport.ssh;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;

/**
 * sshj reads ECDSA keys (host keys, known_hosts lines, users' keys) through a key factory named
 * {@code ECDSA}, BouncyCastle's name; the JDK calls the same factory {@code EC}. sopctl does not
 * register BouncyCastle as a JCA provider (its plain-Java AES would carry every cipher), so without
 * this alias a host offering only an ECDSA host key, or a known_hosts file recording one, fails the
 * handshake with "ECDSA KeyFactory not available" in the real jar (tests hid it: MINA registers
 * BouncyCastle in the test JVM). The alias hands every call to the JDK's EC factory.
 */
final class EcdsaKeyFactory extends KeyFactorySpi {
    private static final String SERVICE = "KeyFactory.ECDSA";

    private final KeyFactory ec;

    private EcdsaKeyFactory() {
        try {
            ec = KeyFactory.getInstance("EC");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no EC key factory", e);
        }
    }

    /** Adds the alias, last in the provider list, unless some provider already serves {@code ECDSA}. */
    static synchronized void installIfMissing() {
        if (Security.getProviders(SERVICE) == null) {
            Security.addProvider(new AliasProvider());
        }
    }

    @Override
    protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
        return ec.generatePublic(spec);
    }

    @Override
    protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
        return ec.generatePrivate(spec);
    }

    @Override
    protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> type) throws InvalidKeySpecException {
        return ec.getKeySpec(key, type);
    }

    @Override
    protected Key engineTranslateKey(Key key) throws InvalidKeyException {
        return ec.translateKey(key);
    }

    private static final class AliasProvider extends Provider {
        private static final long serialVersionUID = 1L;

        AliasProvider() {
            super("sopctl-ecdsa", "1", "KeyFactory ECDSA: the JDK's EC key factory under BouncyCastle's name");
            putService(new Service(this, "KeyFactory", "ECDSA", EcdsaKeyFactory.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new EcdsaKeyFactory();
                }
            });
        }
    }
}
