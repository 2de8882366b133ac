package dev.sopctl.cli;

import dev.sopctl.Main;
import dev.sopctl.engine.Ticker;
import dev.sopctl.testing.FakeTicker;
import dev.sopctl.testing.ScriptedTransport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs sopctl through {@link Main#run} in-process with string writers: a temporary state folder
 * for transcripts, no terminal unless a test types answers, and a transport that is scripted or,
 * by default, fails the test if anything tries to connect.
 */
final class Cli {
    /** What one invocation printed and returned. */
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    final Map<String, String> env = new HashMap<>();
    final AtomicInteger transportsOpened = new AtomicInteger();
    ScriptedTransport transport;
    Deque<String> typed;
    final StringWriter terminalOut = new StringWriter();
    Ticker ticker = new FakeTicker();

    Cli(Path stateDir) {
        env.put("XDG_STATE_HOME", stateDir.toString());
        env.put("XDG_CONFIG_HOME", stateDir.resolve("config").toString());
        env.put("HOME", stateDir.toString());
    }

    /** Answers typed at the terminal, in order; makes sopctl see a terminal. */
    Cli typing(String... answers) {
        typed = new ArrayDeque<>(List.of(answers));
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TerminalIo terminal = typed == null ? null : new TerminalIo() {
            private final PrintWriter w = new PrintWriter(terminalOut, true);

            @Override
            public PrintWriter writer() {
                return w;
            }

            @Override
            public String readLine(String prompt) {
                w.print(prompt);
                w.flush();
                return typed.pollFirst();
            }
        };
        CliContext context = new CliContext(env, Path.of(""), "tester@testhost", terminal, (inventory, options) -> {
            transportsOpened.incrementAndGet();
            if (transport == null) {
                throw new AssertionError("this test must not open a connection");
            }
            return transport;
        }, ticker, Clock.systemUTC());
        int code = Main.run(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
