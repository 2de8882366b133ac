package dev.sopctl.transport.ssh.agent;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of the ssh-agent protocol (draft-miller-ssh-agent) over the agent's Unix domain socket:
 * list the keys ({@code REQUEST_IDENTITIES}) and sign with one of them ({@code SIGN_REQUEST}, with
 * the rsa-sha2-256/512 flags for RSA keys). Private keys never leave the agent.
 *
 * <pre>{@code
 * try (AgentClient agent = AgentClient.connect(Path.of(System.getenv("SSH_AUTH_SOCK")))) {
 *     AgentKey key = agent.identities().get(0);
 *     byte[] signature = agent.sign(key, data, AgentClient.RSA_SHA2_256);
 * }
 * }</pre>
 *
 * One request at a time per client (methods are synchronized); open one client per use.
 */
public final class AgentClient implements Closeable {
    static final byte FAILURE = 5;
    static final byte REQUEST_IDENTITIES = 11;
    static final byte IDENTITIES_ANSWER = 12;
    static final byte SIGN_REQUEST = 13;
    static final byte SIGN_RESPONSE = 14;
    /** Sign flag: an rsa-sha2-256 signature for an RSA key. */
    public static final int RSA_SHA2_256 = 2;
    /** Sign flag: an rsa-sha2-512 signature for an RSA key. */
    public static final int RSA_SHA2_512 = 4;
    /** OpenSSH's agent refuses messages over 256 KiB; so do we. */
    private static final int MAX_MESSAGE = 256 * 1024;

    private final Path socket;
    private final SocketChannel channel;

    private AgentClient(Path socket, SocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
    }

    /** @throws AgentException naming the socket when it does not exist or refuses the connection */
    public static AgentClient connect(Path socket) throws AgentException {
        if (!Files.exists(socket)) {
            throw new AgentException("agent socket " + socket + " does not exist");
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new AgentClient(socket, ch);
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(ch);
            throw new AgentException("agent socket " + socket + " refused the connection: " + e.getMessage(), e);
        }
    }

    public Path socket() {
        return socket;
    }

    /** The keys the agent holds, in its order. */
    public synchronized List<AgentKey> identities() throws AgentException {
        ByteBuffer answer = request(new byte[] {REQUEST_IDENTITIES});
        byte type = answer.get();
        if (type != IDENTITIES_ANSWER) {
            throw new AgentException("agent at " + socket + " refused to list its keys (answer type " + type + ")");
        }
        int n = answer.getInt();
        if (n < 0 || n > 4096) {
            throw new AgentException("agent at " + socket + " announced " + n + " keys");
        }
        List<AgentKey> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] blob = string(answer);
            String comment = new String(string(answer), StandardCharsets.UTF_8);
            keys.add(new AgentKey(blob, comment));
        }
        return List.copyOf(keys);
    }

    /**
     * Signs {@code data} with the agent's private half of {@code key}.
     *
     * @param flags {@link #RSA_SHA2_256} or {@link #RSA_SHA2_512} for RSA keys; 0 otherwise
     * @return the signature in SSH wire format: string algorithm, string signature bytes
     * @throws AgentException when the agent refuses (key removed, confirmation declined, ...)
     */
    public synchronized byte[] sign(AgentKey key, byte[] data, int flags) throws AgentException {
        byte[] blob = key.blob();
        ByteBuffer req = ByteBuffer.allocate(1 + 4 + blob.length + 4 + data.length + 4);
        req.put(SIGN_REQUEST).putInt(blob.length).put(blob).putInt(data.length).put(data).putInt(flags);
        ByteBuffer answer = request(req.array());
        byte type = answer.get();
        if (type != SIGN_RESPONSE) {
            throw new AgentException("agent at " + socket + " refused to sign with " + key
                    + (type == FAILURE ? "" : " (answer type " + type + ")"));
        }
        return string(answer);
    }

    private ByteBuffer request(byte[] body) throws AgentException {
        try {
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer len = readFully(4);
            int n = len.getInt();
            if (n < 1 || n > MAX_MESSAGE) {
                throw new AgentException("agent at " + socket + " sent a message of " + n + " bytes");
            }
            return readFully(n);
        } catch (AgentException e) {
            throw e;
        } catch (IOException e) {
            throw new AgentException("agent at " + socket + ": " + e.getMessage(), e);
        }
    }

    private ByteBuffer readFully(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new AgentException("agent at " + socket + " closed the connection mid-answer");
            }
        }
        return b.flip();
    }

    private byte[] string(ByteBuffer b) throws AgentException {
        if (b.remaining() < 4) {
            throw new AgentException("agent at " + socket + " sent a truncated answer");
        }
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new AgentException("agent at " + socket + " sent a truncated answer");
        }
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing; nothing to report
            }
        }
    }
}
