package dev.sopctl.cli;

import dev.sopctl.engine.ConfirmAnswer;
import dev.sopctl.engine.ConfirmRequest;
import dev.sopctl.engine.Confirmer;
import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Asks on the operator's terminal, showing what will run where. A typed confirmation needs the exact
 * text (a node name); anything else, or end of input, declines; Ctrl-C at the prompt interrupts the
 * run (answer {@code interrupted}, then the run's own {@code interrupted} and {@code run-end}).
 */
final class TerminalConfirmer implements Confirmer {
    private final TerminalIo io;

    TerminalConfirmer(TerminalIo io) {
        this.io = io;
    }

    /** A read was abandoned by Ctrl-C: the terminal's writer stays locked until it returns. */
    private volatile boolean abandoned;

    @Override
    public ConfirmAnswer confirm(ConfirmRequest request) {
        if (abandoned && request.isUndo()) {
            // a Ctrl-C left a read waiting on this terminal, which cannot be written to now: the
            // undo is not asked about, it runs, as without a terminal (DESIGN §5)
            return ConfirmAnswer.NO_TERMINAL;
        }
        try {
            return ask(request);
        } catch (PromptInterruptedException e) {
            abandoned = true;
            // nothing more to this terminal's writer: System.console() keeps it locked while the
            // abandoned read waits, so writing here would hang the interrupted run
            Thread.currentThread().interrupt();
            return ConfirmAnswer.INTERRUPTED;
        }
    }

    private ConfirmAnswer ask(ConfirmRequest request) {
        PrintWriter out = io.writer();
        out.println();
        out.println(request.isUndo() ? "UNDO: " + TerminalText.visible(request.title())
                : "DESTRUCTIVE step '" + TerminalText.visible(request.stepId()) + "': " + TerminalText.visible(request.title()));
        request.prompt().lines().forEach(l -> out.println("  " + TerminalText.visible(l)));
        out.println("  This will run:");
        for (ConfirmRequest.HostCommand c : request.commands()) {
            out.println("    [" + TerminalText.visible(c.host()) + "] $ " + TerminalText.visible(c.command()));
        }
        out.flush();
        if (request.typed() != null) {
            String line = readLine("Type '" + TerminalText.visible(request.typed()) + "' to go ahead (anything else stops): ");
            return line != null && line.trim().equals(request.typed()) ? ConfirmAnswer.TYPED_OK : ConfirmAnswer.TYPED_WRONG;
        }
        if (request.isUndo()) {
            // putting the hosts back is the safe default: only an explicit 'n' refuses it
            String line = readLine("Undo them? [Y/n] ");
            String a = line == null ? "" : line.trim().toLowerCase(java.util.Locale.ROOT);
            return a.equals("n") || a.equals("no") ? ConfirmAnswer.NO : ConfirmAnswer.YES;
        }
        String line = readLine("Go ahead? [y/N] ");
        if (line == null) {
            return ConfirmAnswer.NO;
        }
        String a = line.trim().toLowerCase(java.util.Locale.ROOT);
        return a.equals("y") || a.equals("yes") ? ConfirmAnswer.YES : ConfirmAnswer.NO;
    }

    /**
     * Reads on a helper thread so that Ctrl-C (which interrupts the run's thread) ends the wait even
     * where the terminal's read cannot be interrupted (System.console()).
     */
    private String readLine(String prompt) {
        FutureTask<String> read = new FutureTask<>(() -> io.readLine(prompt));
        Thread reader = new Thread(read, "sopctl-prompt");
        reader.setDaemon(true);
        reader.start();
        try {
            return read.get();
        } catch (InterruptedException e) {
            read.cancel(true);
            throw new PromptInterruptedException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
