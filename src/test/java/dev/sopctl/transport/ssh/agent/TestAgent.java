package dev.sopctl.transport.ssh.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code ssh-agent} for tests: started in the foreground on a socket in a temporary
 * folder, keys made with {@code ssh-keygen} and loaded with {@code ssh-add}. {@link #close()} stops it.
 */
public final class TestAgent implements AutoCloseable {
    private final Path dir;
    private final Path socket;
    private final Process agent;

    private TestAgent(Path dir, Path socket, Process agent) {
        this.dir = dir;
        this.socket = socket;
        this.agent = agent;
    }

    public static TestAgent start(Path dir) throws IOException, InterruptedException {
        Path socket = dir.resolve("agent.sock");
        Process p = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(20);
        }
        if (!Files.exists(socket)) {
            p.destroyForcibly();
            throw new IOException("ssh-agent did not create " + socket + ": " + Files.readString(dir.resolve("agent.log")));
        }
        return new TestAgent(dir, socket, p);
    }

    public Path socket() {
        return socket;
    }

    /** Makes a key with ssh-keygen ({@code ed25519}, {@code rsa}, {@code ecdsa}) and returns its private key file. */
    public Path newKey(String type, String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", key.toString()));
        return key;
    }

    /** The public key blob of a key made by {@link #newKey}, from its {@code .pub} file. */
    public static byte[] publicBlob(Path privateKey) throws IOException {
        String line = Files.readString(Path.of(privateKey + ".pub")).strip();
        return java.util.Base64.getDecoder().decode(line.split(" ")[1]);
    }

    /** {@code ssh-add FILE}. */
    public void add(Path key) throws IOException, InterruptedException {
        run(List.of("ssh-add", "-q", key.toString()));
    }

    /** {@code ssh-add -D}: the agent forgets every key. */
    public void removeAll() throws IOException, InterruptedException {
        run(List.of("ssh-add", "-q", "-D"));
    }

    private void run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        agent.destroy();
        if (!agent.waitFor(5, TimeUnit.SECONDS)) {
            agent.destroyForcibly();
        }
    }
}
