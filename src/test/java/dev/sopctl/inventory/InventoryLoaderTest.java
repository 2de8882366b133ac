package dev.sopctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void theDesignExampleLoadsWithEveryValueResolved() {
        // given the example of DESIGN.md §2
        Path file = resource("design-example.yaml");

        // when
        Inventory inventory = InventoryLoader.load(file, NO_ENV);

        // then
        assertThat(inventory.source()).isEqualTo(file);
        SshDefaults defaults = inventory.defaults();
        assertThat(defaults.user()).isEqualTo("root");
        assertThat(defaults.port()).isEqualTo(22);
        assertThat(defaults.identity()).isEqualTo("~/.ssh/id_ed25519");
        assertThat(defaults.knownHosts()).isEqualTo("~/.ssh/known_hosts");
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.commandTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.become()).isEqualTo("su");

        assertThat(inventory.hosts()).containsOnlyKeys(
                "node1", "node2", "node3", "mastervm01", "mastervm02", "nas1", "nas2", "lk1", "lk2", "bastion");
        assertThat(List.copyOf(inventory.hosts().keySet())).startsWith("node1", "node2", "node3");

        Host node1 = inventory.hosts().get("node1");
        assertThat(node1.address()).isEqualTo("192.168.0.20");
        assertThat(node1.role()).isEqualTo("node");
        assertThat(node1.zone()).isEqualTo("zone-a");
        assertThat(node1.port()).isEqualTo(22);
        assertThat(node1.user()).isEqualTo("root");
        assertThat(node1.identity()).isEqualTo("~/.ssh/id_ed25519");
        assertThat(node1.vars()).containsEntry("mastervm", "mastervm01")
                .containsEntry("mastervm_cfg", "/data/mastervm01.cfg");
        assertThat(node1.location().toString()).isEqualTo(file + ":12:3");

        assertThat(inventory.hosts().get("mastervm01").vars()).containsEntry("pvdi_version", 2L);
        assertThat(inventory.hosts().get("lk2").via()).isEqualTo("bastion");
        Host bastion = inventory.hosts().get("bastion");
        assertThat(bastion.port()).isEqualTo(2222);
        assertThat(bastion.user()).isEqualTo("ops");
        assertThat(bastion.role()).isNull();
        assertThat(bastion.zone()).isNull();
        assertThat(inventory.hosts().get("nas1").zone()).isNull();

        Zone zoneA = inventory.zones().get("zone-a");
        assertThat(zoneA.sharedStorage()).isTrue();
        assertThat(zoneA.ntpServer()).isEqualTo("192.168.0.1");
        assertThat(zoneA.gateway()).isEqualTo("192.168.0.254");
        assertThat(inventory.zones().get("zone-b").storage()).isEqualTo("local");
        assertThat(inventory.zoneOf(node1)).contains(zoneA);

        Cluster pacemaker = inventory.clusters().get("mastervm-ha");
        assertThat(pacemaker.type()).isEqualTo("pacemaker");
        assertThat(pacemaker.members()).containsExactly("mastervm01", "mastervm02");
        assertThat(pacemaker.settings()).containsExactly(Map.entry("resource_group", "DBServer"));

        Cluster drbd = inventory.clusters().get("nfs-ha");
        assertThat(drbd.settings()).containsExactly(
                Map.entry("resource", "data"), Map.entry("device", "/dev/drbd0"),
                Map.entry("mount", "/data"), Map.entry("vip", "192.168.0.225"));

        Cluster lifekeeper = inventory.clusters().get("app-lk");
        assertThat(lifekeeper.members()).containsExactly("lk1", "lk2");
        assertThat(lifekeeper.settings()).containsOnlyKeys("hierarchies");
        assertThat(lifekeeper.settings().get("hierarchies")).isEqualTo(Map.of(
                "app1", Map.of("primary", "lk1", "ip", "ip1", "fs", "fs1", "datarep", "datarep1"),
                "app2", Map.of("primary", "lk2", "ip", "ip2", "fs", "fs2", "datarep", "datarep2")));

        SecretRef secret = inventory.secrets().get("db_password");
        assertThat(secret.env()).isEqualTo("PVDI_DB_PASSWORD");
        assertThat(secret.file()).isNull();
        assertThat(inventory.secretValues(Map.of("PVDI_DB_PASSWORD", "s3cret"))).containsExactly("s3cret");
    }

    @Test
    void theExampleInventoryOfTheRepositoryIsTheDesignExample() throws Exception {
        // given the project's example file, which must stay the DESIGN example verbatim
        Path example = Path.of("examples", "inventory.yaml");

        // when / then
        assertThat(Files.readString(example)).isEqualTo(Files.readString(resource("design-example.yaml")));
        assertThat(InventoryLoader.load(example, NO_ENV).hosts()).hasSize(10);
    }

    @Test
    void targetsResolveOnTheLoadedExample() {
        Inventory inventory = InventoryLoader.load(resource("design-example.yaml"), NO_ENV);

        assertThat(inventory.resolveTargets("app-lk")).extracting(Host::name).containsExactly("lk1", "lk2");
        assertThat(inventory.resolveTargets("role:node")).extracting(Host::name)
                .containsExactly("node1", "node2", "node3");
        assertThat(inventory.resolveTargets("zone-b")).extracting(Host::name).containsExactly("node3");
    }

    @Test
    void aMinimalInventoryTakesTheBuiltInDefaults() {
        // when
        Inventory inventory = InventoryLoader.parse("hosts:\n  web1: {address: web1.example.org}\n", "min.yaml", NO_ENV);

        // then
        assertThat(inventory.defaults()).isEqualTo(SshDefaults.BUILT_IN);
        Host web1 = inventory.hosts().get("web1");
        assertThat(web1.user()).isEqualTo("root");
        assertThat(web1.port()).isEqualTo(22);
        assertThat(web1.identity()).isNull();
        assertThat(inventory.zones()).isEmpty();
        assertThat(inventory.clusters()).isEmpty();
        assertThat(inventory.secrets()).isEmpty();
    }

    @Test
    void hostsInheritTheDefaultsAndMayOverrideThem() {
        String yaml = """
                defaults:
                  user: admin
                  port: 2200
                  identity: /keys/id
                  become: sudo
                  password: login
                  connect_timeout: 1m30s
                hosts:
                  a: {address: 10.0.0.1}
                  b: {address: 10.0.0.2, user: ops, port: 22, identity: /keys/b, password: other}
                secrets:
                  login: {env: LOGIN_PW}
                  other: {file: /run/secrets/other}
                """;

        Inventory inventory = InventoryLoader.parse(yaml, "inv.yaml", NO_ENV);

        Host a = inventory.hosts().get("a");
        assertThat(a).extracting(Host::user, Host::port, Host::identity, Host::password)
                .containsExactly("admin", 2200, "/keys/id", "login");
        Host b = inventory.hosts().get("b");
        assertThat(b).extracting(Host::user, Host::port, Host::identity, Host::password)
                .containsExactly("ops", 22, "/keys/b", "other");
        assertThat(inventory.defaults().become()).isEqualTo("sudo");
        assertThat(inventory.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(inventory.secrets().get("other").file()).isEqualTo("/run/secrets/other");
    }

    @Test
    void relativePathsAreTakenRelativeToTheInventoryFolder(@TempDir Path dir) throws Exception {
        // given an inventory like the lab writes: its own key and known_hosts beside it
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, """
                defaults: {identity: id_ed25519, known_hosts: known_hosts}
                hosts:
                  a: {address: 10.0.0.1, identity: ~/.ssh/other}
                  b: {address: 10.0.0.2}
                secrets:
                  pw: {file: secrets/pw}
                """);

        // when
        Inventory inventory = InventoryLoader.load(file, NO_ENV);

        // then
        Path base = dir.toAbsolutePath();
        assertThat(inventory.defaults().knownHosts()).isEqualTo(base.resolve("known_hosts").toString());
        assertThat(inventory.hosts().get("b").identity()).isEqualTo(base.resolve("id_ed25519").toString());
        assertThat(inventory.hosts().get("a").identity()).isEqualTo("~/.ssh/other");
        assertThat(inventory.secrets().get("pw").file()).isEqualTo(base.resolve("secrets/pw").toString());
    }

    // ---- problems, each at its line:column

    @Test
    void aDanglingViaIsReportedWhereItIsWrittenWithASuggestion() {
        String yaml = """
                hosts:
                  lk1: {address: 10.0.0.1}
                  lk2: {address: 10.0.0.2, via: bastio}
                  bastion: {address: 203.0.113.5, port: 2222, user: ops}
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:3:33: host 'lk2': via 'bastio' is not a host (did you mean 'bastion'?)");
    }

    @Test
    void viaMayNotNameTheHostItselfNorLoop() {
        String yaml = """
                hosts:
                  a: {address: 10.0.0.1, via: a}
                  b: {address: 10.0.0.2, via: c}
                  c: {address: 10.0.0.3, via: d}
                  d: {address: 10.0.0.4, via: b}
                  e: {address: 10.0.0.5, via: b}
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:2:31: host 'a': via names the host itself; a jump host must be another host",
                "inv.yaml:3:31: host 'b': via chain loops back to it: b -> c -> d -> b");
    }

    @Test
    void unknownKeysAreReportedAtTheKeyWithTheKnownOnes() {
        String yaml = """
                hosts:
                  node1:
                    address: 192.168.0.20
                    adress: 192.168.0.21
                inventory_version: 2
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:4:5: host 'node1': unknown key 'adress' (known: address, identity, passphrase,"
                        + " password, port, role, user, vars, via, zone)",
                "inv.yaml:5:1: inventory: unknown key 'inventory_version' (known: clusters, defaults, hosts,"
                        + " secrets, zones)");
    }

    @Test
    void hostValuesAreChecked() {
        String yaml = """
                hosts:
                  "bad name": {address: 10.0.0.1}
                  a: {address: 10.0.0.1, port: 70000}
                  b: {address: "root@10.0.0.2"}
                  c: {port: 22}
                  d: {address: 10.0.0.4, port: twenty}
                  all: {address: 10.0.0.5}
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:2:3: host name 'bad name' is not allowed: use letters, digits, '.', '_' and '-',"
                        + " starting with a letter or digit",
                "inv.yaml:3:32: host 'a': port must be between 1 and 65535, found 70000",
                "inv.yaml:4:16: host 'b': address must be an IP address or a host name, found 'root@10.0.0.2'"
                        + " (write the login as user:)",
                "inv.yaml:5:6: host 'c': missing required key 'address'",
                "inv.yaml:6:32: host 'd': 'port' must be a whole number, found 'twenty'",
                "inv.yaml:7:3: host name 'all' is not allowed: it is the target for every host");
    }

    @Test
    void zonesAreCheckedAndReferencedByExistingNames() {
        String yaml = """
                zones:
                  zone-a: {storage: shard, ntp_server: 192.168.0.300, gateway: gw-1.example.org}
                hosts:
                  node1: {address: 192.168.0.20, zone: zone-A}
                  node2: {address: 192.168.0.21, zone: nowhere}
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:2:21: zone 'zone-a': storage must be shared or local, found 'shard'",
                "inv.yaml:2:40: zone 'zone-a': ntp_server must be an IPv4 address or a host name, found '192.168.0.300'",
                "inv.yaml:4:40: host 'node1': zone 'zone-A' is not a zone (did you mean 'zone-a'?)",
                "inv.yaml:5:40: host 'node2': zone 'nowhere' is not a zone");
    }

    @Test
    void defaultsAreChecked() {
        String yaml = """
                defaults:
                  port: 0
                  connect_timeout: soon
                  command_timeout: 0s
                  become: doas
                  umask: 022
                hosts:
                  a: {address: 10.0.0.1}
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:2:9: defaults: port must be between 1 and 65535, found 0",
                "inv.yaml:3:20: defaults: 'connect_timeout': 'soon' is not a duration (like 30s, 5m, 1h30m, 500ms)",
                "inv.yaml:4:20: defaults: command_timeout must be more than 0s",
                "inv.yaml:5:11: defaults: become must be su or sudo, found 'doas'",
                "inv.yaml:6:3: defaults: unknown key 'umask' (known: become, command_timeout, connect_timeout,"
                        + " identity, known_hosts, passphrase, password, port, ssh_config, user)");
    }

    @Test
    void userNamesThatSshOrSuWouldReadAsOptionsAreRefused() {
        String yaml = """
                defaults:
                  user: "-oProxyCommand=touch /tmp/pwned"
                hosts:
                  a: {address: 10.0.0.1, user: "-s/tmp/evil.sh"}
                  b: {address: 10.0.0.2, user: "ops admin"}
                  c: {address: 10.0.0.3, user: orchard_01}
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:2:9: defaults: user must be a user name (a letter or _ first, then letters, digits, _ . -;"
                        + " at most 32 characters), found '-oProxyCommand=touch /tmp/pwned' (ssh would read it as an option)",
                "inv.yaml:4:32: host 'a': user must be a user name (a letter or _ first, then letters, digits, _ . -;"
                        + " at most 32 characters), found '-s/tmp/evil.sh' (ssh would read it as an option)",
                "inv.yaml:5:32: host 'b': user must be a user name (a letter or _ first, then letters, digits, _ . -;"
                        + " at most 32 characters), found 'ops admin'");
    }

    @Test
    void clusterMembersMustBeDistinctExistingHostsAndAtLeastTwo() {
        String yaml = """
                hosts:
                  nas1: {address: 10.0.0.1}
                  nas2: {address: 10.0.0.2}
                clusters:
                  nfs-ha: {type: drbd, members: [nas1, nas3], resource: data, device: /dev/drbd0, mount: /data}
                  solo: {type: pacemaker, members: [nas1, nas1]}
                  none: {type: pacemaker}
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:5:40: cluster 'nfs-ha': member 'nas3' is not a host (did you mean 'nas1'?)",
                "inv.yaml:6:36: cluster 'solo': a cluster needs at least 2 members, found 1",
                "inv.yaml:6:43: cluster 'solo': member 'nas1' is listed twice",
                "inv.yaml:7:9: cluster 'none': missing required key 'members'");
    }

    @Test
    void keysOfAnotherClusterTypeAreErrors() {
        String yaml = """
                hosts:
                  a: {address: 10.0.0.1}
                  b: {address: 10.0.0.2}
                clusters:
                  ha:
                    type: pacemaker
                    members: [a, b]
                    vip: 10.0.0.100
                    resource_grup: DBServer
                  dr:
                    type: drdb
                    members: [a, b]
                    vip: 10.0.0.100
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:8:5: cluster 'ha': unknown key 'vip' for a pacemaker cluster (pacemaker keys: resource_group)",
                "inv.yaml:9:5: cluster 'ha': unknown key 'resource_grup' (did you mean 'resource_group'?)"
                        + " (known: type, members, resource_group)",
                "inv.yaml:11:11: cluster 'dr': type must be pacemaker, drbd, lifekeeper or cloudstack, found 'drdb'"
                        + " (did you mean 'drbd'?)");
    }

    @Test
    void drbdClustersNeedTheirResourceDeviceAndMount() {
        String yaml = """
                hosts:
                  a: {address: 10.0.0.1}
                  b: {address: 10.0.0.2}
                clusters:
                  nfs-ha:
                    type: drbd
                    members: [a, b]
                    device: dev/drbd0
                    vip: 10.0.0
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:6:5: cluster 'nfs-ha': missing required key 'resource'",
                "inv.yaml:6:5: cluster 'nfs-ha': missing required key 'mount'",
                "inv.yaml:8:13: cluster 'nfs-ha': device must be an absolute path, found 'dev/drbd0'",
                "inv.yaml:9:10: cluster 'nfs-ha': vip must be an IPv4 address, found '10.0.0'");
    }

    @Test
    void aLifekeeperPrimaryMustBeAMember() {
        String yaml = """
                hosts:
                  lk1: {address: 10.0.0.1}
                  lk2: {address: 10.0.0.2}
                  lk3: {address: 10.0.0.3}
                clusters:
                  app-lk:
                    type: lifekeeper
                    members: [lk1, lk2]
                    hierarchies:
                      app1: {primary: lk3, ip: ip1, fs: fs1, datarep: datarep1, nfs: nfs1}
                      app2: {ip: ip2}
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:10:23: cluster 'app-lk': hierarchy 'app1': primary 'lk3' is not a member of the cluster"
                        + " (members: lk1, lk2) (did you mean 'lk1'?)",
                "inv.yaml:10:65: cluster 'app-lk': hierarchy 'app1': unknown key 'nfs' (known: datarep, fs, ip, primary)",
                "inv.yaml:11:13: cluster 'app-lk': hierarchy 'app2': missing required key 'primary'");
    }

    @Test
    void aNameUsedForAHostAndAClusterIsAmbiguous() {
        String yaml = """
                hosts:
                  a: {address: 10.0.0.1}
                  b: {address: 10.0.0.2}
                clusters:
                  a: {type: pacemaker, members: [a, b]}
                """;

        assertThat(problems(yaml)).containsExactly(
                "inv.yaml:5:3: cluster 'a': the name is also a host's (inv.yaml:2:3); targets would be ambiguous");
    }

    @Test
    void duplicateNamesAreReported() {
        String yaml = """
                hosts:
                  a: {address: 10.0.0.1}
                  a: {address: 10.0.0.2}
                """;

        assertThat(problems(yaml)).containsExactly("inv.yaml:3:3: duplicate key 'a' (first at inv.yaml:2:3)");
    }

    @Test
    void hostsAreRequired() {
        assertThat(problems("zones: {}\n")).containsExactly("inv.yaml:1:1: inventory: missing required key 'hosts'");
    }

    // ---- secrets

    @Test
    void secretsWrittenInlineAreErrorsAndTheirValuesAreNeverEchoed() {
        String yaml = """
                hosts:
                  a: {address: 10.0.0.1, password: Tr0ub4dor}
                  b: {address: 10.0.0.2, passphrase: db_pasword}
                secrets:
                  db_password: {env: PVDI_DB_PASSWORD}
                  root_pw: hunter2
                  api: {value: swordfish}
                  both: {env: A, file: /b}
                  neither: {}
                  weird: {env: "not a name!"}
                """;

        SopctlException e = invalid(yaml);

        assertThat(lines(e)).containsExactly(
                "inv.yaml:2:36: host 'a': password does not name a secret declared under 'secrets:';"
                        + " secrets are referenced, never written inline: use {env: VAR} or {file: PATH}",
                "inv.yaml:3:38: host 'b': passphrase 'db_pasword' is not a secret (did you mean 'db_password'?)",
                "inv.yaml:6:12: secret 'root_pw': secrets are referenced, never written inline:"
                        + " use {env: VAR} or {file: PATH}",
                "inv.yaml:7:9: secret 'api': secrets are referenced, never written inline: use {env: VAR} or {file: PATH}",
                "inv.yaml:8:9: secret 'both': give exactly one of {env: VAR} or {file: PATH}, not both",
                "inv.yaml:9:12: secret 'neither': give one of {env: VAR} or {file: PATH}",
                "inv.yaml:10:16: secret 'weird': env must name an environment variable"
                        + " (letters, digits and '_', like PVDI_DB_PASSWORD)");
        assertThat(e.getMessage()).doesNotContain("Tr0ub4dor", "hunter2", "swordfish", "not a name!");
    }

    // ---- many problems, malformed YAML

    @Test
    void everyProblemInAFileIsReportedInFileOrder() {
        // given a file with a problem in each section
        Path file = resource("several-problems.yaml");

        // when
        SopctlException e = catchThrowableOfType(SopctlException.class, () -> InventoryLoader.load(file, NO_ENV));

        // then
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.getMessage()).startsWith("invalid inventory " + file + " (6 problems):");
        assertThat(lines(e)).extracting(line -> line.substring(file.toString().length() + 1, line.indexOf(": ")))
                .containsExactly("3:20", "7:40", "9:33", "10:35", "12:45", "14:16");
        assertThat(lines(e)).anySatisfy(line -> assertThat(line).endsWith(
                "host 'lk2': via 'bastio' is not a host (did you mean 'bastion'?)"));
    }

    @Test
    void aTabInTheIndentationIsReportedWhereItIs() {
        String yaml = "hosts:\n  a:\n\taddress: 10.0.0.1\n";

        assertThatThrownBy(() -> InventoryLoader.parse(yaml, "inv.yaml", NO_ENV))
                .isInstanceOfSatisfying(SopctlException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessageStartingWith("inv.yaml:3:1: not valid YAML: ")
                .hasMessageContaining("TAB");
    }

    @Test
    void badIndentationIsReportedWithItsLocation() {
        String yaml = """
                hosts:
                  node1:
                    address: 10.0.0.1
                   role: node
                """;

        assertThatThrownBy(() -> InventoryLoader.parse(yaml, "inv.yaml", NO_ENV))
                .isInstanceOfSatisfying(SopctlException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessageStartingWith("inv.yaml:4:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void anUnclosedFlowMappingIsReported() {
        assertThatThrownBy(() -> InventoryLoader.parse("hosts:\n  a: {address: 10.0.0.1\n", "inv.yaml", NO_ENV))
                .isInstanceOf(SopctlException.class)
                .hasMessage("inv.yaml:3:1: not valid YAML: expected ',' or '}', but got <stream end>"
                        + " (while parsing a flow mapping at inv.yaml:2:6)");
    }

    @Test
    void aMissingFileIsExit65() {
        assertThatThrownBy(() -> InventoryLoader.load(Path.of("no/such/inventory.yaml"), NO_ENV))
                .isInstanceOfSatisfying(SopctlException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessage("inventory no/such/inventory.yaml: no such file");
    }

    @Test
    void aDocumentThatIsNotAMappingIsReported() {
        assertThat(problems("- a\n- b\n")).containsExactly(
                "inv.yaml:1:1: an inventory is a mapping with at least 'hosts:', found a list");
    }

    // ---- helpers

    private static List<String> problems(String yaml) {
        return lines(invalid(yaml));
    }

    private static SopctlException invalid(String yaml) {
        SopctlException e = catchThrowableOfType(SopctlException.class,
                () -> InventoryLoader.parse(yaml, "inv.yaml", NO_ENV));
        assertThat(e).as("an invalid inventory").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.getMessage()).startsWith("invalid inventory inv.yaml (");
        return e;
    }

    /** The problem lines under the heading, without their indentation. */
    private static List<String> lines(SopctlException e) {
        return e.getMessage().lines().skip(1).map(String::strip).toList();
    }

    static Path resource(String name) {
        try {
            return Path.of(InventoryLoaderTest.class.getResource("/inventory/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
