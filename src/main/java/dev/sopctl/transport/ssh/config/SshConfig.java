package dev.sopctl.transport.ssh.config;

import java.util.List;
import java.util.Objects;

/**
 * The effective OpenSSH client settings for one destination, as {@code ssh -G} prints them: every
 * field has OpenSSH's default when no configuration sets it, so a value cannot tell "written" from
 * "default" (see {@link #DEFAULT_IDENTITY_FILES} and {@link #defaultKnownHosts}).
 *
 * @param hostName              where to connect (HostName with {@code %h} expanded, else the destination)
 * @param user                  remote user (User, else the local login name)
 * @param port                  remote port (Port, else 22)
 * @param identityFiles         IdentityFile values in order, tokens not yet expanded (as {@code ssh -G})
 * @param identitiesOnly        IdentitiesOnly yes
 * @param proxyJump             ProxyJump value ({@code a,user@b:2222}), or null for none
 * @param userKnownHostsFiles   UserKnownHostsFile files, expanded
 * @param strictHostKeyChecking {@code true}, {@code false}, {@code accept-new} or {@code ask} (OpenSSH's spelling)
 * @param identityAgent         IdentityAgent, expanded ({@code none}, {@code SSH_AUTH_SOCK}, a path), or null when unset
 * @param proxyCommand          ProxyCommand, or null (sopctl does not run it; reported)
 */
public record SshConfig(
        String hostName,
        String user,
        int port,
        List<String> identityFiles,
        boolean identitiesOnly,
        String proxyJump,
        List<String> userKnownHostsFiles,
        String strictHostKeyChecking,
        String identityAgent,
        String proxyCommand) {

    /** OpenSSH's IdentityFile list when none is configured (9.x order). */
    public static final List<String> DEFAULT_IDENTITY_FILES = List.of("~/.ssh/id_rsa", "~/.ssh/id_ecdsa",
            "~/.ssh/id_ecdsa_sk", "~/.ssh/id_ed25519", "~/.ssh/id_ed25519_sk", "~/.ssh/id_xmss", "~/.ssh/id_dsa");

    public SshConfig {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(user, "user");
        identityFiles = List.copyOf(identityFiles);
        userKnownHostsFiles = List.copyOf(userKnownHostsFiles);
        Objects.requireNonNull(strictHostKeyChecking, "strictHostKeyChecking");
    }

    /** OpenSSH's UserKnownHostsFile when none is configured. */
    public static List<String> defaultKnownHosts(LocalUser local) {
        return List.of(local.home() + "/.ssh/known_hosts", local.home() + "/.ssh/known_hosts2");
    }

    /** True when IdentityFile is OpenSSH's default list, i.e. no configuration named a key. */
    public boolean identityFilesAreDefault() {
        return identityFiles.equals(DEFAULT_IDENTITY_FILES);
    }

    /**
     * The IdentityFile values as files: {@code ~} and the {@code %} tokens expanded as ssh does when it
     * loads them.
     *
     * @param original the destination as given to ssh ({@code %n}, {@code %k})
     * @throws SshConfigException naming an unknown token
     */
    public List<java.nio.file.Path> identityPaths(LocalUser local, String original) {
        Tokens tokens = Tokens.of(local, original, hostName, port, user);
        return identityFiles.stream().map(f -> {
            try {
                return java.nio.file.Path.of(tokens.expand(Tokens.tilde(f, local)));
            } catch (IllegalArgumentException e) {
                throw new SshConfigException("IdentityFile for " + original + ": " + e.getMessage());
            }
        }).toList();
    }
}
