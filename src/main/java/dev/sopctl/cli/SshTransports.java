package dev.sopctl.cli;

import dev.sopctl.inventory.Inventory;
import dev.sopctl.transport.Transport;
import dev.sopctl.transport.ssh.SshOptions;
import dev.sopctl.transport.ssh.SshjTransport;
import java.io.PrintStream;
import java.util.Map;

/** Builds the SSH transport for a run from the global options and the operator's terminal. */
final class SshTransports {
    private SshTransports() {}

    static Transport open(Inventory inventory, GlobalOptions options, Map<String, String> environment,
            TerminalIo terminal, PrintStream notices) {
        SshOptions ssh = SshOptions.defaults()
                .withAcceptNewHostKeys(options.acceptNewHostKeys)
                .withEnvironment(environment)
                .withHostKeyRecorded(r -> notices.println("sopctl: recorded the new " + r.keyType() + " host key of "
                        + r.hostName() + " (" + r.fingerprint() + ") in " + r.file() + ":" + r.line()))
                .withMessages(m -> notices.println("sopctl: " + m),
                        options.verbose ? m -> notices.println("sopctl: ssh: " + m) : null);
        if (terminal != null) {
            ssh = ssh.withPassphrasePrompt((host, keyFile) ->
                    terminal.readSecret("Passphrase for " + keyFile + " (to reach " + host + "): "));
        }
        return new SshjTransport(inventory, ssh);
    }
}
