package dev.sopctl.inventory;

import dev.sopctl.yaml.Location;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * One host of the estate, with its SSH settings already resolved against the defaults.
 *
 * @param name       inventory name (what operators type)
 * @param address    IP address or DNS name to connect to
 * @param port       SSH port
 * @param user       login user
 * @param identity   private key file, or null for the defaults' / the usual {@code ~/.ssh/id_*}
 * @param via        name of the jump host, or null
 * @param role       {@code node}, {@code mastervm}, {@code storage}, {@code cluster-member} or free-form; may be null
 * @param zone       zone name, or null
 * @param password   secret name for password authentication, or null
 * @param passphrase secret name for the identity's passphrase, or null
 * @param vars       free variables (runbooks read them as {@code host.vars.NAME})
 * @param location   where the host is written
 * @param stated     the SSH settings the inventory writes for this host (itself or its defaults);
 *                   the others may come from {@code ~/.ssh/config}
 */
public record Host(
        String name,
        String address,
        int port,
        String user,
        String identity,
        String via,
        String role,
        String zone,
        String password,
        String passphrase,
        Map<String, Object> vars,
        Location location,
        Set<SshSetting> stated) {

    /** A host whose every SSH setting is stated (built in code): no OpenSSH configuration overrides it. */
    public Host(String name, String address, int port, String user, String identity, String via, String role,
            String zone, String password, String passphrase, Map<String, Object> vars, Location location) {
        this(name, address, port, user, identity, via, role, zone, password, passphrase, vars, location,
                EnumSet.allOf(SshSetting.class));
    }

    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(location, "location");
        stated = stated.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(stated));
        vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }

    public boolean states(SshSetting setting) {
        return stated.contains(setting);
    }

    /** The same host reached at another address (one its bridge was given during a run). */
    public Host withAddress(String newAddress) {
        return new Host(name, newAddress, port, user, identity, via, role, zone, password, passphrase, vars, location, stated);
    }

    /** {@code user@address:port}, for messages. */
    public String endpoint() {
        return user + "@" + address + (port == 22 ? "" : ":" + port);
    }
}
