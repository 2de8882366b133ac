package dev.sopctl.transport.ssh.kex;

/**
 * The client's side of a post-quantum key encapsulation mechanism (KEM) for one key exchange: a key
 * pair made fresh for that exchange, whose public key the client sends and whose private key opens
 * the server's ciphertext. Used once, by one thread.
 */
interface Kem {
    /** The public key as the wire carries it. */
    byte[] publicKey();

    /** Length in bytes of the ciphertext the server sends back. */
    int ciphertextLength();

    /**
     * The shared secret in the ciphertext. Both KEMs here reject implicitly: a ciphertext that was
     * tampered with yields an unrelated secret, so the exchange hash's signature check fails.
     *
     * @param ciphertext exactly {@link #ciphertextLength()} bytes
     */
    byte[] decapsulate(byte[] ciphertext);
}
