package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.SecretRef;
import dev.sopctl.inventory.SshDefaults;
import dev.sopctl.yaml.Location;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small inventories for transport tests, built in code. */
public final class TestInventories {
    private final Path knownHosts;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, SecretRef> secrets = new LinkedHashMap<>();
    private String identity = key("id_ed25519").toString();
    private Duration connectTimeout = Duration.ofSeconds(5);

    TestInventories(Path knownHosts) {
        this.knownHosts = knownHosts;
    }

    public static Path key(String name) {
        try {
            return Path.of(TestInventories.class.getResource("keys/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    TestInventories identity(String keyName) {
        this.identity = keyName == null ? null : key(keyName).toString();
        return this;
    }

    TestInventories connectTimeout(Duration d) {
        this.connectTimeout = d;
        return this;
    }

    TestInventories host(String name, int port) {
        return host(name, port, null, null, null, null);
    }

    TestInventories host(String name, int port, String identityKey, String via, String password, String passphrase) {
        hosts.put(name, new Host(name, "127.0.0.1", port, TestSshServer.USER,
                identityKey == null ? null : key(identityKey).toString(), via, null, null, password, passphrase,
                Map.of(), Location.of("test")));
        return this;
    }

    TestInventories secretEnv(String name, String variable) {
        secrets.put(name, new SecretRef(name, variable, null, Location.of("test")));
        return this;
    }

    Inventory build() {
        SshDefaults defaults = new SshDefaults(TestSshServer.USER, 22, identity, knownHosts.toString(),
                connectTimeout, Duration.ofMinutes(1), "su", null, null);
        return new Inventory(null, defaults, Map.of(), hosts, Map.of(), secrets);
    }
}
