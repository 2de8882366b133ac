package dev.sopctl.transport.ssh.kex;

import java.math.BigInteger;

/**
 * A shared secret K that the key exchange defines as an SSH {@code string}, not an {@code mpint}.
 *
 * <p>sshj 0.39 takes K only as a {@link BigInteger} ({@code KeyExchange.getK()}) and derives the
 * session keys from {@code putMPInt(K)}, which writes a length and then {@link #toByteArray()}. The
 * hybrid exchanges hash K to 32 or 64 raw bytes and encode it as a string: those exact bytes after
 * their length, with no sign byte added and no leading zero dropped. A plain BigInteger would add a
 * sign byte when the first bit is set and drop leading zeros, so half the connections would derive
 * the wrong keys. This subclass gives sshj the bytes as they are, which makes its mpint encoding
 * the string encoding. (Arithmetic on it is meaningless; nothing in sshj does any.)
 */
final class StringEncodedSecret extends BigInteger {
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;

    StringEncodedSecret(byte[] bytes) {
        super(1, bytes);
        this.bytes = bytes.clone();
    }

    @Override
    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StringEncodedSecret s && java.util.Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }
}
