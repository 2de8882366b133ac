package dev.sopctl.transport.ssh;

import dev.sopctl.transport.ssh.agent.AgentClient;
import dev.sopctl.transport.ssh.agent.AgentException;
import dev.sopctl.transport.ssh.agent.AgentKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * sshj's {@code publickey} authentication with a key held by ssh-agent: the public key is offered
 * first, and only when the server accepts it is the request signed, by the agent. For RSA keys the
 * signature algorithm is the first of sshj's that the server accepts (its {@code server-sig-algs}):
 * rsa-sha2-512, then rsa-sha2-256, asked of the agent with the matching flag; a server refusing one
 * gets the next, as sshj does for key files.
 */
final class AgentPublickey extends AbstractAuthMethod {
    private final AgentClient agent;
    private final AgentKey key;
    private Deque<String> algorithms;

    AgentPublickey(AgentClient agent, AgentKey key) {
        super("publickey");
        this.agent = agent;
        this.key = key;
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd == Message.USERAUTH_60) {
            SSHPacket req = request(true);
            byte[] data = new net.schmizz.sshj.common.Buffer.PlainBuffer()
                    .putString(params.getTransport().getSessionID())
                    .putBuffer(req)
                    .getCompactData();
            byte[] signature;
            try {
                signature = agent.sign(key, data, flags(algorithm()));
            } catch (AgentException e) {
                throw new UserAuthException(e.getMessage(), e);
            }
            req.putString(signature);
            params.getTransport().write(req);
        } else {
            super.handle(cmd, buf);
        }
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    @Override
    public boolean shouldRetry() {
        if (algorithms != null && algorithms.size() > 1) {
            algorithms.poll();
            return true;
        }
        return false;
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(algorithm()).putString(key.blob());
    }

    private String algorithm() throws UserAuthException {
        if (algorithms == null) {
            algorithms = new ArrayDeque<>();
            if (KeyType.fromString(key.type()) == KeyType.RSA) {
                try {
                    params.getTransport().getClientKeyAlgorithms(KeyType.RSA)
                            .forEach(a -> algorithms.add(a.getKeyAlgorithm()));
                } catch (TransportException e) {
                    throw new UserAuthException(e.getMessage(), e);
                }
            }
            if (algorithms.isEmpty()) {
                algorithms.add(key.type());
            }
        }
        return algorithms.peek();
    }

    static int flags(String algorithm) {
        return switch (algorithm) {
            case "rsa-sha2-256" -> AgentClient.RSA_SHA2_256;
            case "rsa-sha2-512" -> AgentClient.RSA_SHA2_512;
            default -> 0;
        };
    }

    @Override
    public String toString() {
        return "agent key " + key;
    }

    /** Keys in the order to offer them; a convenience for callers building method lists. */
    static List<AgentPublickey> all(AgentClient agent, List<AgentKey> keys) {
        return keys.stream().map(k -> new AgentPublickey(agent, k)).toList();
    }
}
