package dev.sopctl.transport.ssh.agent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A public key an agent holds.
 *
 * @param blob    the key in SSH wire format (RFC 4253 §6.6), as the agent sent it
 * @param comment the agent's comment (usually the file it was added from)
 */
public record AgentKey(byte[] blob, String comment) {
    public AgentKey {
        Objects.requireNonNull(blob, "blob");
        blob = blob.clone();
        comment = comment == null ? "" : comment;
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    /** The key type named at the start of the blob ({@code ssh-ed25519}, {@code ssh-rsa}, ...). */
    public String type() {
        ByteBuffer b = ByteBuffer.wrap(blob);
        int n = b.getInt();
        return new String(blob, 4, Math.min(n, blob.length - 4), StandardCharsets.US_ASCII);
    }

    /** {@code SHA256:...} as {@code ssh-add -l} prints it. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean sameKey(byte[] otherBlob) {
        return Arrays.equals(blob, otherBlob);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentKey k && Arrays.equals(blob, k.blob) && comment.equals(k.comment);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob) * 31 + comment.hashCode();
    }

    @Override
    public String toString() {
        return type() + " " + fingerprint() + (comment.isEmpty() ? "" : " " + comment);
    }
}
