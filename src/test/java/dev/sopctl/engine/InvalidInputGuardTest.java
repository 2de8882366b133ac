package dev.sopctl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code severity: invalid}: a probe finds that the operator's values do not fit the host; the run
 * stops with exit 65 before any change, as a bad parameter would; allowed only before the first change.
 */
class InvalidInputGuardTest {
    private static final String HEAD = """
            name: t/invalid
            title: T
            params:
              node: {type: host, role: node}
              bridge: {type: string, pattern: "[a-z0-9]+"}
            steps:
            """;
    private static final String CHECK = """
              - id: check-bridge
                title: The node has the bridge
                on: "{{ node }}"
                run: ip -br link show type bridge
                parse: ip-brief
                assert:
                  - that: bridge in out.names
                    message: "{{ bridge }} is not a bridge on {{ node }}"
                    severity: invalid
            """;
    private static final String CHANGE = """
              - id: change
                title: Change it
                on: "{{ node }}"
                run: ip addr flush dev {{ bridge }}
                kind: change
            """;

    private final EngineHarness h = new EngineHarness();

    @Test
    void aFailingInvalidGuardStopsTheRunWithExit65BeforeTheChange() {
        h.transport.on("node1", "^ip -br link", Reply.ok("xenbr0           UP             00:1e:67:16:0b:60 <UP> \n"));

        RunResult r = h.run(EngineHarness.yaml(HEAD + CHECK + CHANGE), Map.of("node", "node1", "bridge", "xenbr7"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(r.message()).isEqualTo("step 'check-bridge' failed on node1: xenbr7 is not a bridge on node1");
        assertThat(h.commands("node1")).containsExactly("ip -br link show type bridge");
    }

    @Test
    void aHoldingInvalidGuardLetsTheRunGoOn() {
        h.transport.on("node1", "^ip -br link", Reply.ok("xenbr0           UP             00:1e:67:16:0b:60 <UP> \n"));
        h.transport.on("node1", "^ip addr flush", Reply.ok(""));

        RunResult r = h.run(EngineHarness.yaml(HEAD + CHECK + CHANGE), Map.of("node", "node1", "bridge", "xenbr0"));

        assertThat(r.exitCode()).as(r.message()).isZero();
        assertThat(h.commands("node1")).containsExactly("ip -br link show type bridge", "ip addr flush dev xenbr0");
    }

    @Test
    void checkModeReportsTheSameExitCode() {
        h.mode = RunMode.CHECK;
        h.transport.on("node1", "^ip -br link", Reply.ok("xenbr0           UP             00:1e:67:16:0b:60 <UP> \n"));

        RunResult r = h.run(EngineHarness.yaml(HEAD + CHECK + CHANGE), Map.of("node", "node1", "bridge", "xenbr7"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.message()).contains("xenbr7 is not a bridge on node1");
    }

    @Test
    void anInvalidGuardAfterAChangeOrInRecoveryIsRefusedWhenTheRunbookLoads() {
        String afterChange = loadError(HEAD + CHANGE + CHECK);
        String onChange = loadError(HEAD + CHECK.replace("parse: ip-brief", "parse: ip-brief\n    kind: change"));
        String inRecovery = loadError(HEAD + """
                  - id: first
                    title: First
                    on: "{{ node }}"
                    run: "true"
                    on_failure: recover
                    recover: [check-bridge]
                recovery:
                """ + CHECK);

        assertThat(afterChange).contains("test.yaml:").contains("step 'check-bridge': a guard with severity invalid (exit 65)"
                + " must be on a probe before the first change");
        assertThat(onChange).contains("step 'check-bridge': a guard with severity invalid");
        assertThat(inRecovery).contains("step 'check-bridge': a guard with severity invalid");
    }

    @Test
    void anUnknownSeverityNamesTheThree() {
        assertThat(loadError(HEAD + CHECK.replace("severity: invalid", "severity: fatal")))
                .contains("severity must be critical, warning or invalid");
    }

    private static String loadError(String yaml) {
        SopctlException e = catchThrowableOfType(() -> EngineHarness.yaml(yaml), SopctlException.class);
        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        return e.getMessage();
    }
}
