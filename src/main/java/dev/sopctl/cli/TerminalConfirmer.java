package dev.sopctl.cli;

import dev.sopctl.engine.ConfirmAnswer;
import dev.sopctl.engine.ConfirmRequest;
import dev.sopctl.engine.Confirmer;
import java.io.PrintWriter;

/**
 * Asks on the operator's terminal, showing what will run where. A typed confirmation needs the exact
 * text (a node name); anything else, or end of input, declines.
 */
final class TerminalConfirmer implements Confirmer {
    private final TerminalIo io;

    TerminalConfirmer(TerminalIo io) {
        this.io = io;
    }

    @Override
    public ConfirmAnswer confirm(ConfirmRequest request) {
        PrintWriter out = io.writer();
        out.println();
        out.println("DESTRUCTIVE step '" + request.stepId() + "': " + request.title());
        request.prompt().lines().forEach(l -> out.println("  " + l));
        out.println("  This will run:");
        for (ConfirmRequest.HostCommand c : request.commands()) {
            out.println("    [" + c.host() + "] $ " + c.command());
        }
        out.flush();
        if (request.typed() != null) {
            String line = io.readLine("Type '" + request.typed() + "' to go ahead (anything else stops): ");
            return line != null && line.trim().equals(request.typed()) ? ConfirmAnswer.TYPED_OK : ConfirmAnswer.TYPED_WRONG;
        }
        String line = io.readLine("Go ahead? [y/N] ");
        if (line == null) {
            return ConfirmAnswer.NO;
        }
        String a = line.trim().toLowerCase(java.util.Locale.ROOT);
        return a.equals("y") || a.equals("yes") ? ConfirmAnswer.YES : ConfirmAnswer.NO;
    }
}
