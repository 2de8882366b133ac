package dev.sopctl.transport.ssh.config;

/**
 * Resolves the effective OpenSSH client settings of a destination. Implementations: {@link OpenSshResolver}
 * (the installed {@code ssh -G}) and {@link SshConfigEvaluator} (our reading of the same files).
 */
public interface SshConfigSource {
    /**
     * @param destination the name ssh would be given ({@code ssh DESTINATION})
     * @param user        the user given on the command line ({@code -l}), or null
     * @param port        the port given on the command line ({@code -p}), or null
     * @throws SshConfigException when a configuration file is unusable (names file and line)
     */
    SshConfig resolve(String destination, String user, Integer port);

    /** What the settings come from, for {@code -v} ("ssh -G -F FILE", "sopctl's reading of ~/.ssh/config"). */
    String describe();
}
