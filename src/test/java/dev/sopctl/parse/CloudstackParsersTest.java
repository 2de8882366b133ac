package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;



@SuppressWarnings("unchecked")
/** cmk-json, ss-listen and java-properties on the CloudStack outputs the cloudstack runbooks read. */
class CloudstackParsersTest {
    private final CmkJsonParser cmk = new CmkJsonParser();
    private final SsListenParser ss = new SsListenParser();
    private final JavaPropertiesParser properties = new JavaPropertiesParser();

    @Test
    void cmkListsAreJoinedByTheirKeyWithWholeNumbersAsLongs() {
        Map<String, Object> out = cmk.parse(Samples.read("cmk-list-managementservers.json"));

        List<Object> servers = (List<Object>) out.get("managementserver");
        assertThat(servers).hasSize(2);
        assertThat((Map<Object, Object>) servers.get(1)).containsEntry("name", "ms2").containsEntry("state", "Down")
                .containsEntry("ipaddress", "192.168.0.52");
        assertThat((List<Object>) out.get("responses")).hasSize(1);
        assertThat(((Map<Object, Object>) ((List<Object>) out.get("responses")).get(0)).get("count")).isEqualTo(2L);
    }

    @Test
    void severalResponsesInOneOutputAreEachKeptAndTheirListsJoined() {
        Map<String, Object> out = cmk.parse(Samples.read("cmk-list-clusters-then-configurations.json"));

        assertThat((List<Object>) out.get("responses")).hasSize(2);
        assertThat((Map<Object, Object>) ((List<Object>) out.get("cluster")).get(0)).containsEntry("memoryovercommitratio", "1.33");
        assertThat((Map<Object, Object>) ((List<Object>) out.get("configuration")).get(0)).containsEntry("scope", "cluster")
                .containsEntry("value", "true").containsEntry("id", "a1f0c7e2-0b1d-4f5e-9a3c-7d2e8b6f4c10");
    }

    @Test
    void nestedObjectsOfHostsStayMaps() {
        Map<String, Object> out = cmk.parse(Samples.read("cmk-list-hosts.json"));

        Map<Object, Object> kvm2 = (Map<Object, Object>) ((List<Object>) out.get("host")).get(1);
        assertThat((Map<Object, Object>) kvm2.get("hostha")).containsEntry("hastate", "Ineligible").containsEntry("haenable", true);
        assertThat((Map<Object, Object>) kvm2.get("outofbandmanagement")).containsEntry("enabled", false);
        assertThat(((Map<Object, Object>) ((List<Object>) out.get("host")).get(0)).get("memorytotal")).isEqualTo(67108864000L);
    }

    @Test
    void anUpdateAnswersWithOneObjectAndAnEmptyListWithNothing() {
        Map<String, Object> update = cmk.parse(Samples.read("cmk-update-configuration.json"));
        Map<String, Object> none = cmk.parse("{}\n");
        Map<String, Object> silent = cmk.parse("");

        Map<Object, Object> first = (Map<Object, Object>) ((List<Object>) update.get("responses")).get(0);
        assertThat((Map<Object, Object>) first.get("configuration")).containsEntry("value", "false");
        assertThat(none).containsOnlyKeys("responses");
        assertThat((List<Object>) silent.get("responses")).isEmpty();
    }

    @Test
    void anApiThatDoesNotAnswerIsUnknownNamingTheEndpoint() {
        assertThatThrownBy(() -> cmk.parse(Samples.read("cmk-error-refused.txt")))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNKNOWN))
                .hasMessage("the CloudStack API did not answer at http://localhost:8080/client/api (connection refused)");
        assertThatThrownBy(() -> cmk.parse("🙈 Error: (HTTP 530, error code 9999) Unable to find the management server\n"))
                .hasMessage("the CloudStack API answered with an error: (HTTP 530, error code 9999) Unable to find the management server");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> cmk.parse(Samples.read("cmk-malformed.txt")))
                .isInstanceOf(ParseException.class).hasMessageStartingWith("cmk-json: malformed JSON")
                .hasMessageContaining("line 7");
        assertThatThrownBy(() -> cmk.parse("[1, 2]"))
                .hasMessage("cmk-json: expected a JSON object for each API call, found '1'");
        assertThatThrownBy(() -> cmk.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void listeningPortsOfSsInEveryAddressForm() {
        Map<String, Object> out = ss.parse(Samples.read("ss-ltn-ms.txt"));
        Map<String, Object> old = ss.parse(Samples.read("ss-Hltnp-old.txt"));

        assertThat((List<Object>) out.get("ports")).containsExactly(22L, 53L, 8080L, 8250L, 9090L);
        assertThat((Map<Object, Object>) ((List<Object>) out.get("sockets")).get(0)).containsEntry("address", "127.0.0.53").containsEntry("port", 53L);
        assertThat((Map<Object, Object>) ((List<Object>) out.get("sockets")).get(4)).containsEntry("address", "::ffff:192.168.0.51");
        assertThat((List<Object>) old.get("ports")).containsExactly(22L, 3306L);
        assertThat((List<Object>) ss.parse("").get("ports")).isEmpty();
        assertThat((List<Object>) ss.parse("Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                + "tcp LISTEN 0 50 *:8250 *:*\n").get("ports")).containsExactly(8250L);
    }

    @Test
    void ssLinesThatAreNotSocketsSayWhichLine() {
        assertThatThrownBy(() -> ss.parse("LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\nss: command not found\n"))
                .isInstanceOf(ParseException.class).hasMessageStartingWith("ss-listen: line 2: expected");
        assertThatThrownBy(() -> ss.parse("LISTEN 0 128 0.0.0.0:99999 0.0.0.0:*\n"))
                .hasMessageStartingWith("ss-listen: line 1: expected a port up to 65535");
    }

    @Test
    void propertiesFilesWithContinuationsAndComments() {
        Map<Object, Object> db = (Map<Object, Object>) properties.parse(Samples.read("db-properties.txt")).get("values");
        Map<Object, Object> agent = (Map<Object, Object>) properties.parse(Samples.read("agent-properties.txt")).get("values");

        assertThat(db).containsEntry("db.ha.enabled", "true")
                .containsEntry("db.cloud.replicas", "192.168.0.54, 192.168.0.55")
                .containsEntry("cluster.servlet.port", "9090").doesNotContainKey("# cloud stack Database");
        assertThat(agent).containsEntry("host", "192.168.0.51,192.168.0.52@roundrobin").containsEntry("port", "8250");
        assertThatThrownBy(() -> properties.parse("key=\\u12G4\n")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("java-properties: Malformed \\uxxxx encoding");
    }
}
