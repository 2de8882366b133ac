package dev.sopctl.testing;

import dev.sopctl.inventory.Host;
import dev.sopctl.lock.LockScript;
import dev.sopctl.transport.ByteStreams;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.HostInfo;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.Transport;
import dev.sopctl.transport.TransportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An in-memory transport for engine tests: per host, rules that match a command by regular
 * expression and answer with output and an exit status, or fail like a network would. Rules are
 * tried newest first, so a test can change a host's state by adding a rule. Records every command.
 * Run lock commands ({@link LockScript#MARKER}) are answered only by rules whose pattern says
 * {@code run lock}; without one they are taken and released at once and not recorded.
 *
 * <pre>{@code
 * ScriptedTransport t = new ScriptedTransport()
 *     .on("node1", "^xl list$", Reply.ok(XL_LIST))
 *     .on("node1", "^reboot$", Reply.fail(TransportException.Kind.DISCONNECTED));
 * }</pre>
 */
public final class ScriptedTransport implements Transport {
    /** What a matched command does. */
    @FunctionalInterface
    public interface Reply {
        ExecResult answer(Host host, String command) throws TransportException;

        static Reply ok(String stdout) {
            return exit(0, stdout, "");
        }

        static Reply exit(int status, String stdout, String stderr) {
            return (h, c) -> new ExecResult(status, stdout, stderr, false, Duration.ofMillis(5));
        }

        static Reply fail(TransportException.Kind kind) {
            return (h, c) -> {
                throw new TransportException(h.name(), kind, h.name() + ": " + kind.name().toLowerCase() + " (scripted)");
            };
        }

        /** Answers from a list in turn, repeating the last one. */
        static Reply sequence(Reply... replies) {
            List<Reply> list = List.of(replies);
            int[] next = {0};
            return (h, c) -> list.get(Math.min(next[0]++, list.size() - 1)).answer(h, c);
        }
    }

    /** A matched command that works on the byte streams itself (reads stdin, writes stdout, blocks, fails). */
    @FunctionalInterface
    public interface StreamReply {
        ExecResult answer(Host host, String command, ByteStreams streams) throws TransportException, InterruptedException;
    }

    private record Rule(Pattern pattern, Reply reply, StreamReply streamReply) {}

    private final Map<String, List<Rule>> rules = new ConcurrentHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> reached = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, byte[]> received = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** For each {@link #prepareForBulkData} call: how many commands had run before it. */
    private final List<Integer> bulkDataHints = Collections.synchronizedList(new ArrayList<>());

    public ScriptedTransport on(String host, String regex, Reply reply) {
        rules.computeIfAbsent(host, h -> Collections.synchronizedList(new ArrayList<>()))
                .add(0, new Rule(Pattern.compile(regex), reply, null));
        return this;
    }

    public ScriptedTransport onStream(String host, String regex, StreamReply reply) {
        rules.computeIfAbsent(host, h -> Collections.synchronizedList(new ArrayList<>()))
                .add(0, new Rule(Pattern.compile(regex), null, reply));
        return this;
    }

    public ScriptedTransport onAny(String regex, Function<Host, Reply> reply) {
        return on("*", regex, (h, c) -> reply.apply(h).answer(h, c));
    }

    /** Every command run, as {@code host: command}. */
    public List<String> log() {
        return List.copyOf(log);
    }

    public List<String> commandsOn(String host) {
        return log.stream().filter(l -> l.startsWith(host + ": ")).map(l -> l.substring(host.length() + 2)).toList();
    }

    /** The address each command on {@code host} was sent to, in order (a step's run-time address, or the inventory's). */
    public List<String> addressesOn(String host) {
        return reached.stream().filter(l -> l.startsWith(host + " ")).map(l -> l.substring(host.length() + 1)).toList();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public ExecResult exec(Host host, RemoteCommand command, OutputListener listener, ByteStreams streams)
            throws TransportException, InterruptedException {
        boolean lock = command.command().startsWith(LockScript.MARKER);
        reached.add(host.name() + " " + host.address());
        for (String key : List.of(host.name(), "*")) {
            for (Rule r : rules.getOrDefault(key, List.of())) {
                // a run lock command is answered only by a rule written for it, never by a catch-all
                if ((!lock || r.pattern().pattern().contains("run lock")) && r.pattern().matcher(command.command()).find()) {
                    log.add(host.name() + ": " + command.command());
                    return answer(host, command, listener, streams, r);
                }
            }
        }
        if (lock) {
            // run locks (a test that is about them scripts them; the others see them neither in the log nor fail)
            String answer = command.command().startsWith(LockScript.MARKER + ": release") ? "SOPCTL-LOCK-RELEASED"
                    : "SOPCTL-LOCK-TAKEN";
            return new ExecResult(0, answer + "\n", "", false, Duration.ZERO);
        }
        log.add(host.name() + ": " + command.command());
        return new ExecResult(127, "", "sh: " + command.command() + ": not scripted", false, Duration.ZERO);
    }

    private ExecResult answer(Host host, RemoteCommand command, OutputListener listener, ByteStreams streams, Rule r)
            throws TransportException, InterruptedException {
        if (r.streamReply() != null) {
            ExecResult result = r.streamReply().answer(host, command.command(), streams);
            result.stderr().lines().forEach(l -> listener.line(OutputListener.Stream.STDERR, l));
            return result;
        }
        if (streams.stdin() != null) {
            received.put(host.name(), readAll(host, streams));
        }
        ExecResult result = r.reply().answer(host, command.command());
        if (streams.stdout() != null) {
            try {
                streams.stdout().write(result.stdout().getBytes(StandardCharsets.UTF_8));
                streams.stdout().flush();
            } catch (IOException e) {
                throw new TransportException(host.name(), TransportException.Kind.RECEIVER_GONE,
                        host.name() + ": output receiver gone (scripted): " + e.getMessage());
            }
            result = new ExecResult(result.exitStatus(), "", result.stderr(), result.truncated(), result.duration());
        } else {
            result.stdout().lines().forEach(l -> listener.line(OutputListener.Stream.STDOUT, l));
        }
        result.stderr().lines().forEach(l -> listener.line(OutputListener.Stream.STDERR, l));
        return result;
    }

    private static byte[] readAll(Host host, ByteStreams streams) throws TransportException {
        try {
            return streams.stdin().readAllBytes();
        } catch (IOException e) {
            // as the transport contract says: the data to send could not be read, the command was stopped
            throw new TransportException(host.name(), TransportException.Kind.PROTOCOL,
                    host.name() + ": stdin could not be read (scripted): " + e.getMessage());
        }
    }

    /** What a command given byte input read from it, per host (the last such command). */
    public byte[] received(String host) {
        return received.getOrDefault(host, new byte[0]);
    }

    @Override
    public void prepareForBulkData() {
        bulkDataHints.add(log.size());
    }

    /** For each {@link #prepareForBulkData} call, how many commands had run before it. */
    public List<Integer> bulkDataHints() {
        return List.copyOf(bulkDataHints);
    }

    @Override
    public HostInfo probe(Host host) {
        return new HostInfo("SSH-2.0-Scripted", "ssh-ed25519", "SHA256:scripted", Duration.ofMillis(1),
                "mlkem768x25519-sha256", "aes128-gcm@openssh.com");
    }

    @Override
    public void close() {
        closed = true;
    }
}
