package dev.sopctl.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterValidatorTest {
    private static final Map<String, String> NO_ENV = Map.of();
    private static Inventory inventory;

    @BeforeAll
    static void loadTheExampleInventory() {
        inventory = InventoryLoader.load(Path.of("examples/inventory.yaml"), NO_ENV);
    }

    /** A runbook with the given parameters (YAML lines below {@code params:}) and one notice step. */
    private static Runbook runbook(String... params) {
        StringBuilder sb = new StringBuilder("name: t/params\ntitle: T\nparams:\n");
        for (String p : params) {
            sb.append("  ").append(p).append('\n');
        }
        sb.append("steps:\n  - {id: s1, title: A, notice: hello}\n");
        return RunbookLoader.parse(sb.toString(), "params.yaml", null);
    }

    private static Map<String, Object> valid(Runbook rb, Map<String, String> raw) {
        return ParameterValidator.validate(rb, raw, inventory, NO_ENV).values();
    }

    /** The single value {@code text} of parameter {@code p} (declared as {@code p: {...}}). */
    private static Object value(String declaration, String text) {
        return valid(runbook("p: " + declaration), Map.of("p", text)).get("p");
    }

    private static String problems(Runbook rb, Map<String, String> raw, Map<String, String> env) {
        SopctlException e = catchThrowableOfType(() -> ParameterValidator.validate(rb, raw, inventory, env),
                SopctlException.class);
        assertThat(e).as("validation should fail").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        return e.getMessage();
    }

    private static String problem(String declaration, String text) {
        return problems(runbook("p: " + declaration), Map.of("p", text), NO_ENV);
    }

    // ---------------------------------------------------------------- hosts and clusters

    @Test
    void aHostWithTheRoleIsItsName() {
        assertThat(value("{type: host, role: node}", "node1")).isEqualTo("node1");
        assertThat(value("{type: host}", " bastion ")).isEqualTo("bastion");
    }

    @Test
    void aHostWithAnotherRoleIsRefusedNamingTheHostsThatFit() {
        // when
        String msg = problem("{type: host, role: node}", "mastervm01");

        // then
        assertThat(msg).contains("parameter 'p'").contains("'mastervm01' is a mastervm, not a node")
                .contains("nodes: node1, node2, node3");
    }

    @Test
    void aHostWithoutARoleIsRefusedWhereARoleIsNeeded() {
        assertThat(problem("{type: host, role: node}", "bastion")).contains("'bastion' is a host without a role");
    }

    @Test
    void anUnknownHostSuggestsTheClosestName() {
        // when
        String msg = problem("{type: host, role: node}", "nod1");

        // then
        assertThat(msg).contains("'nod1' is not a host in").contains("did you mean 'node1'?");
    }

    @Test
    void anUnknownHostFarFromEveryNameSuggestsNothing() {
        assertThat(problem("{type: host}", "database")).contains("'database' is not a host").doesNotContain("did you mean");
    }

    @Test
    void hostsAreAListOfCheckedNames() {
        assertThat(value("{type: hosts, role: node}", "node1, node3,")).isEqualTo(List.of("node1", "node3"));
    }

    @Test
    void hostsReportTheBadOne() {
        assertThat(problem("{type: hosts, role: node}", "node1,nas1")).contains("'nas1' is a storage, not a node");
        assertThat(problem("{type: hosts}", " , ")).contains("needs at least one host");
    }

    @Test
    void aClusterOfTheRightTypeIsItsName() {
        assertThat(value("{type: cluster, cluster_type: drbd}", "nfs-ha")).isEqualTo("nfs-ha");
        assertThat(value("{type: cluster}", "app-lk")).isEqualTo("app-lk");
    }

    @Test
    void aClusterOfAnotherTypeIsRefused() {
        assertThat(problem("{type: cluster, cluster_type: drbd}", "mastervm-ha"))
                .contains("cluster 'mastervm-ha' is a pacemaker cluster, not drbd");
    }

    @Test
    void anUnknownClusterListsTheClusters() {
        assertThat(problem("{type: cluster}", "nfs")).contains("'nfs' is not a cluster")
                .contains("mastervm-ha, nfs-ha, app-lk");
    }

    // ---------------------------------------------------------------- formats

    @Test
    void aUuidIsNormalisedToLowerCase() {
        assertThat(value("{type: uuid}", "1943409b-b9fb-4e18-acdd-f5eb5390e5ef"))
                .isEqualTo("1943409b-b9fb-4e18-acdd-f5eb5390e5ef");
        assertThat(value("{type: uuid}", "1943409B-B9FB-4E18-ACDD-F5EB5390E5EF"))
                .isEqualTo("1943409b-b9fb-4e18-acdd-f5eb5390e5ef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1943409b-b9fb-4e18-acdd-f5eb5390e5e", "1943409bb9fb4e18acddf5eb5390e5ef",
            "1943409g-b9fb-4e18-acdd-f5eb5390e5ef", "{1943409b-b9fb-4e18-acdd-f5eb5390e5ef}", "x"})
    void aMalformedUuidIsRefused(String text) {
        assertThat(problem("{type: uuid}", text)).contains("is not a UUID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.0.20", "0.0.0.0", "255.255.255.255", "10.0.0.1"})
    void anIpv4AddressIsAccepted(String text) {
        assertThat(value("{type: ipv4}", text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.4/24", "a.b.c.d", "::1"})
    void aMalformedIpv4AddressIsRefused(String text) {
        assertThat(problem("{type: ipv4}", text)).contains("is not an IPv4 address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.0.20/24", "0.0.0.0/0", "10.0.0.1/32"})
    void aCidrIsAccepted(String text) {
        assertThat(value("{type: cidr}", text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.0.20", "192.168.0.20/33", "192.168.0.20/", "256.0.0.0/8", "10.0.0.1/a",
            "10.0.0.1/100"})
    void aMalformedCidrIsRefused(String text) {
        assertThat(problem("{type: cidr}", text)).contains("is not an IPv4 address with prefix length");
    }

    // ---------------------------------------------------------------- numbers, durations, choices

    @Test
    void anIntIsANumberWithinItsBounds() {
        assertThat(value("{type: int, min: 1, max: 3600}", "60")).isEqualTo(60L);
        assertThat(value("{type: int, min: 1, max: 3600}", "1")).isEqualTo(1L);
        assertThat(value("{type: int, min: 1, max: 3600}", "3600")).isEqualTo(3600L);
        assertThat(value("{type: int}", "-5")).isEqualTo(-5L);
    }

    @Test
    void anIntOutsideItsBoundsIsRefused() {
        assertThat(problem("{type: int, min: 1, max: 3600}", "0")).contains("0 is outside 1..3600");
        assertThat(problem("{type: int, min: 1, max: 3600}", "3601")).contains("3601 is outside 1..3600");
        assertThat(problem("{type: int, min: 1}", "-1")).contains("-1 is outside 1..");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "1.5", "", "99999999999999999999"})
    void anIntThatIsNoWholeNumberIsRefused(String text) {
        assertThat(problem("{type: int}", text)).contains("is not a whole number");
    }

    @Test
    void aDurationIsParsed() {
        assertThat(value("{type: duration}", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(value("{type: duration}", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(value("{type: duration}", "1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(value("{type: duration}", "500ms")).isEqualTo(Duration.ofMillis(500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 minutes", "m5", "-1s", "1.5h"})
    void aMalformedDurationIsRefused(String text) {
        assertThat(problem("{type: duration}", text)).contains("parameter 'p'").contains("is not a duration");
    }

    @Test
    void aHugeDurationIsRefusedAsInvalidInput() {
        assertThat(problem("{type: duration}", "9999999999999999999d")).contains("parameter 'p'");
        assertThat(problem("{type: duration}", "999999999999999999d")).contains("parameter 'p'");
    }

    @Test
    void anEnumTakesOneOfItsValues() {
        assertThat(value("{type: enum, values: [reboot, halt]}", "halt")).isEqualTo("halt");
        assertThat(problem("{type: enum, values: [reboot, halt]}", "poweroff"))
                .contains("'poweroff' is not one of reboot, halt");
        assertThat(problem("{type: enum, values: [reboot, halt]}", "HALT")).contains("is not one of");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "yes", "TRUE", "Yes"})
    void aTrueBool(String text) {
        assertThat(value("{type: bool}", text)).isEqualTo(Boolean.TRUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "no", "False", "NO"})
    void aFalseBool(String text) {
        assertThat(value("{type: bool}", text)).isEqualTo(Boolean.FALSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "y", "on", "maybe"})
    void anythingElseIsNoBool(String text) {
        assertThat(problem("{type: bool}", text)).contains("is not true or false");
    }

    // ---------------------------------------------------------------- strings and secrets

    @Test
    void aStringIsTakenAsWritten() {
        assertThat(value("{type: string}", "it's a 'test'; rm -rf /")).isEqualTo("it's a 'test'; rm -rf /");
    }

    @Test
    void aStringMustMatchItsWholePattern() {
        assertThat(value("{type: string, pattern: '[a-z]+[0-9]'}", "data1")).isEqualTo("data1");
        assertThat(problem("{type: string, pattern: '[a-z]+[0-9]'}", "data1x")).contains("does not match [a-z]+[0-9]");
        assertThat(problem("{type: string, pattern: '[a-z]+[0-9]'}", "x data1")).contains("does not match");
    }

    @Test
    void aStringWithNulIsRefused() {
        assertThat(problem("{type: string}", "data\0; reboot")).contains("contains a NUL character");
    }

    @Test
    void aSecretIsGivenByNameAndResolvesFromTheEnvironment() {
        // given
        Runbook rb = runbook("password: {type: secret}");

        // when
        ParameterValues v = ParameterValidator.validate(rb, Map.of("password", "db_password"), inventory,
                Map.of("PVDI_DB_PASSWORD", "s3cret"));

        // then
        assertThat(v.values()).containsEntry("password", "s3cret");
        assertThat(v.secrets()).containsExactly("s3cret");
    }

    @Test
    void anUnknownSecretIsRefusedWithoutEchoingItAsAValue() {
        // when
        String msg = problems(runbook("password: {type: secret}"), Map.of("password", "hunter2"),
                Map.of("PVDI_DB_PASSWORD", "s3cret"));

        // then
        assertThat(msg).contains("'hunter2' is not a secret").contains("give the secret's name, never its value");
    }

    @Test
    void anUnsetSecretIsRefused() {
        // when
        String msg = problems(runbook("password: {type: secret}"), Map.of("password", "db_password"), NO_ENV);

        // then
        assertThat(msg).contains("secret 'db_password' has no value")
                .contains("environment variable PVDI_DB_PASSWORD is unset or empty");
    }

    // ---------------------------------------------------------------- names, defaults, reporting

    @Test
    void anUnknownParameterIsRefusedListingTheKnownOnes() {
        // when
        String msg = problems(runbook("node: {type: host}", "action: {type: enum, values: [a, b], default: a}"),
                Map.of("node", "node1", "acton", "b"), NO_ENV);

        // then
        assertThat(msg).contains("unknown parameter 'acton' for t/params (parameters: node, action)");
    }

    @Test
    void aMissingRequiredParameterIsNamed() {
        // when
        String msg = problems(runbook("node: {type: host, role: node, description: the node to stop}"), Map.of(),
                NO_ENV);

        // then
        assertThat(msg).contains("parameter 'node' is required (host: the node to stop)");
    }

    @Test
    void defaultsAreAppliedAndConverted() {
        // given
        Runbook rb = runbook("action: {type: enum, values: [reboot, halt], default: reboot}",
                "limit: {type: int, default: 60}",
                "wait: {type: duration, default: 5m}",
                "force: {type: bool, default: no}",
                "note: {type: string, required: false}");

        // when
        Map<String, Object> v = valid(rb, Map.of());

        // then
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("action", "reboot");
        expected.put("limit", 60L);
        expected.put("wait", Duration.ofMinutes(5));
        expected.put("force", false);
        expected.put("note", null);
        assertThat(v).containsExactlyEntriesOf(expected);
    }

    @Test
    void aGivenValueReplacesTheDefault() {
        // given
        Runbook rb = runbook("action: {type: enum, values: [reboot, halt], default: reboot}");

        // then
        assertThat(valid(rb, Map.of("action", "halt"))).containsEntry("action", "halt");
    }

    @Test
    void everyProblemIsReportedInOneException() {
        // given
        Runbook rb = runbook("node: {type: host, role: node}",
                "disk: {type: uuid}",
                "limit: {type: int, max: 10}",
                "vip: {type: ipv4}",
                "password: {type: secret}");

        // when
        String msg = problems(rb, Map.of("node", "mastervm01", "disk", "nope", "limit", "11", "extra", "1"), NO_ENV);

        // then
        assertThat(msg.lines()).hasSize(6);
        assertThat(msg).contains("unknown parameter 'extra'")
                .contains("parameter 'node': 'mastervm01' is a mastervm, not a node")
                .contains("parameter 'disk': 'nope' is not a UUID")
                .contains("parameter 'limit': 11 is outside ..10")
                .contains("parameter 'vip' is required")
                .contains("parameter 'password' is required");
    }

    @Test
    void theFailureHintsAtTheRunbooksParameters() {
        SopctlException e = catchThrowableOfType(() -> ParameterValidator.validate(runbook("node: {type: host}"),
                Map.of(), inventory, NO_ENV), SopctlException.class);
        assertThat(e.hint()).isEqualTo("see 'sopctl runbooks show t/params' for the parameters");
    }

    @Test
    void aGatewayMustBeAHostOnTheSubnetOfItsAddress() {
        Runbook rb = runbook("address: {type: cidr}", "gateway: {type: ipv4, required: false, within: address}");

        assertThat(valid(rb, Map.of("address", "10.9.0.5/24", "gateway", "10.9.0.1"))).containsEntry("gateway", "10.9.0.1");
        assertThat(valid(rb, Map.of("address", "10.9.0.5/24"))).containsEntry("gateway", null);
        assertThat(valid(rb, Map.of("address", "10.9.0.5/31", "gateway", "10.9.0.4"))).containsEntry("gateway", "10.9.0.4");
        assertThat(problems(rb, Map.of("address", "10.9.0.5/24", "gateway", "10.9.1.1"), NO_ENV))
                .contains("parameter 'gateway': 10.9.1.1 is outside the subnet 10.9.0.0/24 of address 10.9.0.5/24");
        assertThat(problems(rb, Map.of("address", "10.9.0.5/24", "gateway", "10.9.0.0"), NO_ENV))
                .contains("10.9.0.0 is the network address of the subnet 10.9.0.0/24");
        assertThat(problems(rb, Map.of("address", "10.9.0.5/24", "gateway", "10.9.0.255"), NO_ENV))
                .contains("10.9.0.255 is the broadcast address of the subnet 10.9.0.0/24");
        assertThat(problems(rb, Map.of("address", "10.9.0.5/24", "gateway", "10.9.0.5"), NO_ENV))
                .contains("10.9.0.5 is the address itself");
        assertThat(problems(rb, Map.of("address", "10.9.0.5/16", "gateway", "10.10.0.1"), NO_ENV))
                .contains("outside the subnet 10.9.0.0/16");
    }

    @Test
    void aHostWithinAClusterMustBeOneOfItsMembers() {
        Runbook rb = runbook("cluster: {type: cluster, cluster_type: drbd}", "victim: {type: host, within: cluster}");

        assertThat(valid(rb, Map.of("cluster", "nfs-ha", "victim", "nas2"))).containsEntry("victim", "nas2");
        assertThat(problems(rb, Map.of("cluster", "nfs-ha", "victim", "node1"), NO_ENV))
                .contains("parameter 'victim': node1 is not a member of cluster nfs-ha (members: nas1, nas2)");
    }
}
