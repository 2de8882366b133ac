package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.HomePaths;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.SecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Finds and reads the private keys a host authenticates with: its {@code identity}, else the
 * defaults' one, else whichever of {@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa}
 * exist. Keys are read (and decrypted) once per run and shared by every host using the same file,
 * so a passphrase is asked at most once and 200 hosts do not pay 200 bcrypt key derivations.
 * Thread-safe (loading is serialised, which also serialises prompts).
 */
final class Identities {
    static final List<String> USUAL = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    /** A key ready for publickey auth, or why it is not. */
    record Loaded(Path file, KeyProvider key, String problem) {}

    private final Inventory inventory;
    private final Config config;
    private final Map<String, String> environment;
    private final PassphrasePrompt prompt;
    private final Map<String, Loaded> cache = new HashMap<>();

    Identities(Inventory inventory, Config config, Map<String, String> environment, PassphrasePrompt prompt) {
        this.inventory = inventory;
        this.config = config;
        this.environment = environment;
        this.prompt = prompt;
    }

    /** The key files to offer for {@code host}, in order; an explicit identity is listed even if missing. */
    List<Path> candidates(Host host) {
        String explicit = host.identity() != null ? host.identity() : inventory.defaults().identity();
        if (explicit != null) {
            return List.of(resolve(explicit));
        }
        List<Path> out = new ArrayList<>();
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        for (String name : USUAL) {
            Path p = ssh.resolve(name);
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The secret name of the host's passphrase, or null. */
    String passphraseSecret(Host host) {
        return host.passphrase() != null ? host.passphrase() : inventory.defaults().passphrase();
    }

    /** The secret name of the host's password, or null. */
    String passwordSecret(Host host) {
        return host.password() != null ? host.password() : inventory.defaults().password();
    }

    /** The value of a secret by name, or empty when it is not declared or does not resolve. */
    Optional<String> secret(String name) {
        if (name == null) {
            return Optional.empty();
        }
        SecretRef ref = inventory.secrets().get(name);
        return ref == null ? Optional.empty() : ref.resolve(environment);
    }

    /** Where a secret comes from, for messages (never its value). */
    String describeSecret(String name) {
        SecretRef ref = inventory.secrets().get(name);
        return ref == null ? "secret " + name + " (not declared under secrets:)" : "secret " + name + " (" + ref.source() + ")";
    }

    synchronized Loaded load(Host host, Path file) {
        String secretName = passphraseSecret(host);
        String cacheKey = file + "\0" + secretName;
        Loaded cached = cache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        Loaded loaded = read(host, file, secretName);
        cache.put(cacheKey, loaded);
        return loaded;
    }

    private Loaded read(Host host, Path file, String secretName) {
        if (!Files.isRegularFile(file)) {
            return new Loaded(file, null, "not found");
        }
        if (!Files.isReadable(file)) {
            return new Loaded(file, null, "not readable");
        }
        KeyFormat format;
        try {
            format = KeyProviderUtil.detectKeyFileFormat(file.toFile());
        } catch (IOException e) {
            return new Loaded(file, null, "unreadable: " + e.getMessage());
        }
        FileKeyProvider provider = Factory.Named.Util.create(config.getFileKeyProviderFactories(), format.toString());
        if (provider == null) {
            return new Loaded(file, null, "unsupported key format " + format);
        }
        boolean[] asked = {false};
        String[] source = {null};
        PasswordFinder finder = new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                asked[0] = true;
                Optional<String> fromSecret = secret(secretName);
                if (fromSecret.isPresent()) {
                    source[0] = describeSecret(secretName);
                    return fromSecret.get().toCharArray();
                }
                if (prompt != null) {
                    source[0] = "the prompt";
                    return prompt.passphrase(host.name(), file);
                }
                return null;
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
        provider.init(file.toFile(), finder);
        try {
            PublicKey pub = provider.getPublic();
            PrivateKey priv = provider.getPrivate();
            if (priv == null) {
                return new Loaded(file, null, "encrypted and no passphrase given");
            }
            return new Loaded(file, new KeyPairWrapper(pub, priv), null);
        } catch (IOException | RuntimeException e) {
            if (asked[0] && source[0] == null) {
                return new Loaded(file, null, "encrypted; no passphrase secret"
                        + (secretName != null ? " (" + describeSecret(secretName) + " is unset)" : "")
                        + " and no terminal to ask");
            }
            if (asked[0]) {
                return new Loaded(file, null, "cannot decrypt with the passphrase from " + source[0]
                        + " (wrong passphrase?)");
            }
            return new Loaded(file, null, "unreadable: " + e.getMessage());
        }
    }

    private Path resolve(String written) {
        Path p = Path.of(HomePaths.expandHome(written));
        if (!p.isAbsolute() && inventory.source() != null && inventory.source().getParent() != null) {
            // identity paths in an inventory are relative to the inventory file, not to the cwd
            return inventory.source().getParent().resolve(p);
        }
        return p;
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
