package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.TransportException;
import java.util.Set;

/**
 * Why a piped step failed, told from the side that failed first: a sender that could not send, a
 * receiver that could not take it all, or a receiver that stopped reading early.
 *
 * @param outcome the host result's outcome (as for a plain command)
 */
record PipeVerdict(Outcome outcome, String message, String hint) {

    /**
     * @param moved what was relayed, for the message ("1.2 GiB in 12s (98.0 MiB/s)")
     * @return the failure, or null when both commands ended well
     */
    static PipeVerdict of(PipeRun.Outcome o, Host from, Host to, String send, String receive, Set<Integer> allowExit,
            String moved) {
        String stopped = o.receiverStopped() ? "; the receiving command on " + to.name() + " was stopped" : "";
        TransportException sendError = o.sendError();
        if (sendError != null && sendError.kind() != TransportException.Kind.RECEIVER_GONE) {
            return new PipeVerdict(HostStep.outcomeOf(sendError),
                    sendError.getMessage() + " (after " + moved + ")" + stopped, sendError.hint());
        }
        if (o.sent() != null && !allowExit.contains(o.sent().exitStatus())) {
            return failed("'" + HostStep.shorten(send) + "' exited with status " + o.sent().exitStatus()
                    + HostStep.lastLine(o.sent()) + " after sending " + moved + stopped, null);
        }
        if (o.receiveError() != null) {
            TransportException e = o.receiveError();
            return new PipeVerdict(HostStep.outcomeOf(e), "receiving on " + to.name() + ": " + e.getMessage()
                    + " (after " + moved + ")", e.hint());
        }
        ExecResult received = o.received();
        if (received != null && !allowExit.contains(received.exitStatus())) {
            return failed("'" + HostStep.shorten(receive) + "' on " + to.name() + " exited with status "
                    + received.exitStatus() + HostStep.lastLine(received) + " after " + moved, null);
        }
        if (sendError != null) {
            // the receiver ended well but before the sender had sent everything
            return failed("the receiving command on " + to.name() + " ended before " + from.name()
                    + " had sent everything (after " + moved + ")", "check that '" + HostStep.shorten(receive)
                    + "' reads its whole input");
        }
        return null;
    }

    private static PipeVerdict failed(String message, String hint) {
        return new PipeVerdict(Outcome.FAILED, message, hint);
    }
}
