package dev.sopctl.cli;

import dev.sopctl.engine.Confirmer;
import dev.sopctl.engine.Ticker;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.Transport;
import dev.sopctl.transport.TransportPool;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the commands need from the world, injected so tests and the shell can replace it: the
 * environment, the working folder, who the operator is, a terminal (or none), how to build a
 * transport, and time.
 *
 * @param terminal   the operator's terminal for confirmations, or null when there is none
 * @param transports builds the transport for an inventory; receives the run's SSH options
 */
public record CliContext(
        Map<String, String> environment,
        Path workingDir,
        String operator,
        TerminalIo terminal,
        TransportFactory transports,
        Ticker ticker,
        Clock clock) {

    /** Builds a transport for an inventory with the options of this command line. */
    @FunctionalInterface
    public interface TransportFactory {
        Transport open(Inventory inventory, GlobalOptions options);
    }

    public CliContext {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(transports, "transports");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(clock, "clock");
    }

    /** The real process: its environment, System.console() if any, SSH. */
    public static CliContext system() {
        return ssh(System.getenv(), Path.of(""), operatorName(), TerminalIo.console());
    }

    /** Real SSH and real time, with the given environment and terminal (the shell, end-to-end tests). */
    public static CliContext ssh(Map<String, String> env, Path workingDir, String operator, TerminalIo terminal) {
        return new CliContext(env, workingDir, operator, terminal,
                (inventory, options) -> SshTransports.open(inventory, options, env, terminal, System.err),
                Ticker.SYSTEM, Clock.systemUTC());
    }

    /**
     * This context with its transports leased from {@code pool}: runs with the same inventory and SSH
     * options share one connection per host (the checks of {@code sopctl check}, the shell's commands).
     */
    public CliContext withTransportPool(TransportPool pool) {
        TransportFactory own = transports;
        return new CliContext(environment, workingDir, operator, terminal, (inventory, options) -> pool.lease(
                List.of(inventory, options.acceptNewHostKeys, options.verbose), () -> own.open(inventory, options)),
                ticker, clock);
    }

    public CliContext withTerminal(TerminalIo io) {
        return new CliContext(environment, workingDir, operator, io, transports, ticker, clock);
    }

    /** The confirmer for a command line: --yes, a terminal, or none. */
    Confirmer confirmer(GlobalOptions options) {
        if (options.yes) {
            return Confirmer.ASSUME_YES;
        }
        return terminal == null ? Confirmer.NO_TERMINAL : new TerminalConfirmer(terminal);
    }

    Function<Inventory, Transport> transportsFor(GlobalOptions options) {
        return inventory -> transports.open(inventory, options);
    }

    private static String operatorName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }
}
