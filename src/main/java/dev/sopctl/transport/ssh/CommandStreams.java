package dev.sopctl.transport.ssh;

import dev.sopctl.transport.ByteStreams;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * The pumps that move one remote command's streams, each on a transport thread: stderr as lines
 * (with the wrapper's marker taken out); stdout as lines, or byte for byte to the caller's stream;
 * stdin from the caller's stream when there is one, else closed at once, as {@code ssh host cmd
 * </dev/null} does, so a command that reads its input ({@code cat}, {@code read}) sees end of file
 * instead of waiting for its timeout. {@link #await} returns when stdout and stderr both ended, or
 * earlier when a pump gave up (receiver gone, source failed).
 */
final class CommandStreams {
    private final Completion done = new Completion(2);
    private final OutputPump err;
    private final OutputPump lines;
    private final RawOutputPump raw;
    private final InputPump feed;

    private CommandStreams(Session.Command cmd, RemoteCommand command, OutputListener listener, ByteStreams streams) {
        err = new OutputPump(cmd.getErrorStream(), OutputListener.Stream.STDERR, listener, command.outputCap(), true, done);
        if (streams.stdout() == null) {
            lines = new OutputPump(cmd.getInputStream(), OutputListener.Stream.STDOUT, listener, command.outputCap(), false, done);
            raw = null;
        } else {
            lines = null;
            raw = new RawOutputPump(cmd.getInputStream(), streams.stdout(), done);
        }
        feed = streams.stdin() == null ? null : new InputPump(streams.stdin(), cmd, done);
    }

    static CommandStreams start(Session.Command cmd, RemoteCommand command, OutputListener listener,
            ByteStreams streams, ExecutorService pumps) {
        CommandStreams s = new CommandStreams(cmd, command, listener, streams);
        pumps.execute(s.lines != null ? s.lines : s.raw);
        pumps.execute(s.err);
        if (s.feed != null) {
            pumps.execute(s.feed);
        } else {
            sendEof(cmd);
        }
        return s;
    }

    private static void sendEof(Session.Command cmd) {
        try {
            // sshj's ChannelOutputStream.close() sends CHANNEL_EOF; the channel stays open for the output
            cmd.getOutputStream().close();
        } catch (IOException e) {
            // the command already ended or the connection dropped; the output pumps report that
        }
    }

    /** @return false when the time ran out before the output ended or a pump gave up */
    boolean await(long nanos) throws InterruptedException {
        return done.await(nanos);
    }

    void await() throws InterruptedException {
        done.await();
    }

    /** No pump touches the caller's streams or the channel after this (a read or write in progress completes). */
    void stop() {
        if (raw != null) {
            raw.stop();
        }
        if (feed != null) {
            feed.stop();
        }
    }

    /** The remote process group the wrapper reported on stderr, or -1 while it has not (yet). */
    long processGroup() {
        return err.processGroup();
    }

    /** Why the caller's stdout stream refused the output, or null. */
    Exception receiverFailure() {
        return raw == null ? null : raw.receiverFailure();
    }

    /** Why the caller's stdin stream could not be read, or null. */
    Exception sourceFailure() {
        return feed == null ? null : feed.sourceFailure();
    }

    /** Why reading the command's output stopped early (the connection dropped), or null. */
    IOException readFailure() {
        IOException out = lines != null ? lines.failure() : raw.failure();
        return out != null ? out : err.failure();
    }

    /** Bytes of stdout handed to the caller's stream (raw stdout only). */
    long delivered() {
        return raw == null ? 0 : raw.delivered();
    }

    /** Bytes of the caller's stdin sent to the command. */
    long sent() {
        return feed == null ? 0 : feed.sent();
    }

    /** Kept stdout; empty when it went to the caller's stream. */
    String stdout() {
        return lines == null ? "" : lines.text();
    }

    String stderr() {
        return err.text();
    }

    boolean truncated() {
        return err.truncated() || (lines != null && lines.truncated());
    }
}
