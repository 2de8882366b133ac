package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.Transport;

/** Builds the SSH transport for a run from the global options. */
final class SshTransports {
    private SshTransports() {}

    static Transport open(Inventory inventory, GlobalOptions options) {
        throw new SopctlException(ExitCode.UNKNOWN, "the SSH transport is not built into this sopctl yet");
    }
}
