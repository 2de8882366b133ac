package dev.sopctl.transport.ssh;

import java.nio.file.Path;

/**
 * Asks the operator for the passphrase of an encrypted private key that has no {@code passphrase}
 * secret in the inventory. Backed by the terminal (or the interactive shell's line reader); absent
 * when there is no terminal, in which case encrypted keys without a secret are skipped.
 *
 * <p>{@link SshjTransport} calls it at most once per key file per run, never from two threads at
 * once, and keeps the decrypted key for every host that uses the same file.
 */
@FunctionalInterface
public interface PassphrasePrompt {
    /**
     * @param hostName the inventory host that first needed the key (for the prompt text)
     * @param keyFile  the encrypted key file
     * @return the passphrase, or null to skip this key; the caller wipes the array after use
     */
    char[] passphrase(String hostName, Path keyFile);
}
