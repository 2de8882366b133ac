package dev.sopctl.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunbookLoaderTest {
    private static final String FILE = "rb.yaml";

    /** A valid head (name, title, two params) for runbooks whose steps a test writes. */
    private static final String HEAD = """
            name: t/rb
            title: A test runbook
            params:
              node: {type: host, role: node}
              action: {type: enum, values: [reboot, halt], default: reboot}
            steps:
            """;

    private static Runbook load(String yaml) {
        return RunbookLoader.parse(yaml, FILE, null);
    }

    /** The message of the exit-65 failure loading {@code yaml}. */
    private static String problems(String yaml) {
        return problems(yaml, null);
    }

    private static String problems(String yaml, String expectedName) {
        SopctlException e = catchThrowableOfType(() -> RunbookLoader.parse(yaml, FILE, expectedName),
                SopctlException.class);
        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        return e.getMessage();
    }

    /** HEAD plus one step with {@code run} and the given extra lines (each indented by four). */
    private static String probe(String run, String... extra) {
        StringBuilder sb = new StringBuilder(HEAD)
                .append("  - id: s1\n    title: T\n    on: \"{{ node }}\"\n    run: ").append(run).append('\n');
        for (String line : extra) {
            sb.append("    ").append(line).append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- valid runbooks

    @Test
    void aMinimalRunbookLoadsIntoRecords() {
        // given
        String yaml = """
                name: t/minimal
                title: Read the domains
                sop: pvdi-sop step 1
                description: just a probe
                params:
                  node: {type: host, role: node, description: the node}
                  limit: {type: int, min: 1, max: 10, default: 5}
                steps:
                  - id: read-domains
                    title: Read xl list
                    on: "{{ node }}"
                    run: xl list
                    parse: xl-list
                    capture:
                      guests: out.guests
                    assert:
                      - that: len(guests) < limit
                        message: "too many guests on {{ host.name }}"
                        hint: stop some
                        severity: warning
                  - id: tell
                    title: Tell the operator
                    notice: "{{ node }} has {{ len(guests) }} guests"
                """;

        // when
        Runbook rb = RunbookLoader.parse(yaml, FILE, "t/minimal");

        // then
        assertThat(rb.name()).isEqualTo("t/minimal");
        assertThat(rb.title()).isEqualTo("Read the domains");
        assertThat(rb.sop()).isEqualTo("pvdi-sop step 1");
        assertThat(rb.description()).isEqualTo("just a probe");
        assertThat(rb.source().toString()).startsWith(FILE + ":1:");
        assertThat(rb.recovery()).isEmpty();
        assertThat(rb.changesState()).isFalse();

        assertThat(rb.params()).extracting(Parameter::name).containsExactly("node", "limit");
        Parameter node = rb.param("node").orElseThrow();
        assertThat(node.type()).isEqualTo(ParamType.HOST);
        assertThat(node.role()).isEqualTo("node");
        assertThat(node.required()).isTrue();
        assertThat(node.description()).isEqualTo("the node");
        Parameter limit = rb.param("limit").orElseThrow();
        assertThat(limit.type()).isEqualTo(ParamType.INT);
        assertThat(limit.required()).isFalse();
        assertThat(limit.defaultValue()).isEqualTo("5");
        assertThat(limit.min()).isEqualTo(1L);
        assertThat(limit.max()).isEqualTo(10L);

        assertThat(rb.steps()).extracting(Step::id).containsExactly("read-domains", "tell");
        Step read = rb.steps().get(0);
        assertThat(read.kind()).isEqualTo(StepKind.PROBE);
        assertThat(read.run().source()).isEqualTo("xl list");
        assertThat(read.on().source()).isEqualTo("{{ node }}");
        assertThat(read.parse()).isEqualTo("xl-list");
        assertThat(read.capture()).containsOnlyKeys("guests");
        assertThat(read.asserts()).hasSize(1);
        assertThat(read.asserts().get(0).severity()).isEqualTo(Assertion.Severity.WARNING);
        assertThat(read.asserts().get(0).hint().source()).isEqualTo("stop some");
        assertThat(read.onFailure()).isEqualTo(OnFailure.STOP);
        assertThat(read.allowExit()).containsExactly(0);
        assertThat(read.isNotice()).isFalse();
        assertThat(read.isDestructive()).isFalse();
        assertThat(read.location().line()).isEqualTo(9);

        Step tell = rb.steps().get(1);
        assertThat(tell.isNotice()).isTrue();
        assertThat(tell.run()).isNull();
        assertThat(tell.notice().freeVariables()).contains("node", "guests");
    }

    @Test
    void stepOptionsAreReadIntoTheStep() {
        // given
        String yaml = HEAD + """
                  - id: restart-it
                    title: Restart
                    on: "{{ node }}"
                    as: orchard
                    run: ./pvdi_was restart
                    kind: change
                    serial: true
                    timeout: 2m
                    allow_exit: [0, 3]
                    on_failure: recover
                    recover: [undo]
                    when: action == 'reboot'
                    until: {that: exit == 0, interval: 2s, timeout: 1m}
                recovery:
                  - id: undo
                    title: Undo
                    on: "{{ node }}"
                    run: ./pvdi_was start
                    kind: change
                """;

        // when
        Runbook rb = load(yaml);

        // then
        Step s = rb.steps().get(0);
        assertThat(s.as()).isEqualTo("orchard");
        assertThat(s.kind()).isEqualTo(StepKind.CHANGE);
        assertThat(s.serial()).isTrue();
        assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.allowExit()).containsExactlyInAnyOrder(0, 3);
        assertThat(s.onFailure()).isEqualTo(OnFailure.RECOVER);
        assertThat(s.recover()).containsExactly("undo");
        assertThat(s.when()).isNotNull();
        assertThat(s.until().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.until().timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(rb.recoveryStep("undo")).isPresent();
        assertThat(rb.changesState()).isTrue();
    }

    @Test
    void everyPackagedRunbookLoads() {
        // given
        RunbookRepository repo = RunbookRepository.load(null);

        // then
        assertThat(repo.names()).contains("pvdi/node-shutdown");
        for (String name : repo.names()) {
            assertThatCode(() -> repo.get(name)).as(name).doesNotThrowAnyException();
            assertThat(repo.get(name).name()).isEqualTo(name);
        }
    }

    @Test
    void theNodeShutdownRunbookMarksItsDangerousSteps() {
        // given
        Runbook rb = RunbookRepository.load(null).get("pvdi/node-shutdown");

        // then
        assertThat(rb.steps()).filteredOn(Step::isDestructive).extracting(Step::id)
                .containsExactly("shutdown-mastervm", "reboot", "halt");
        assertThat(rb.steps()).filteredOn(s -> s.id().equals("reboot")).singleElement()
                .satisfies(s -> {
                    assertThat(s.kind()).isEqualTo(StepKind.CHANGE);
                    assertThat(s.expectDisconnect()).isTrue();
                });
    }

    // ---------------------------------------------------------------- keys and names

    @Test
    void anUnknownTopLevelKeyIsReportedWithItsLocation() {
        // given
        String yaml = HEAD + "  - {id: s1, title: T, notice: hi}\nowner: me\n";

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:8:1: runbook: unknown key 'owner'").contains("known:");
    }

    @Test
    void anUnknownStepKeyIsReportedWithItsLocation() {
        // given
        String yaml = probe("xl list", "retries: 3");

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:11:5: step 's1': unknown key 'retries'");
    }

    @Test
    void aNameThatDoesNotMatchTheFileIsRefused() {
        // given
        String yaml = probe("xl list");

        // when
        String msg = problems(yaml, "pvdi/other");

        // then
        assertThat(msg).contains("rb.yaml:1:1:").contains("'t/rb'").contains("'pvdi/other'");
    }

    @Test
    void missingNameTitleAndStepsAreEachReported() {
        // when
        String msg = problems("description: nothing else\n");

        // then
        assertThat(msg).contains("missing required key 'name'").contains("missing required key 'title'");
    }

    @Test
    void duplicateStepIdsAreRefused() {
        // given
        String yaml = HEAD + """
                  - {id: same, title: A, notice: a}
                  - {id: same, title: B, notice: b}
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:8:5:").contains("duplicate step id 'same'");
    }

    @Test
    void aStepIdAlsoUsedByARecoveryStepIsADuplicate() {
        // given
        String yaml = HEAD + """
                  - {id: same, title: A, notice: a}
                recovery:
                  - {id: same, title: B, notice: b}
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("duplicate step id 'same'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CheckGuests", "check_guests", "check guests", "-check", "check-", "check--guests"})
    void aStepIdMustBeKebabCase(String id) {
        // given
        String yaml = HEAD + "  - {id: '" + id + "', title: A, notice: a}\n";

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:7:").contains("id must be kebab-case");
    }

    @Test
    void anUnknownParserIsRefusedNamingTheKnownOnes() {
        // given
        String yaml = probe("xl list", "parse: xl-lst");

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:11:5:").contains("unknown parser 'xl-lst'")
                .contains("known: ").contains("xl-list").contains("lines").contains("xl-info");
    }

    // ---------------------------------------------------------------- variables

    @Test
    void anUndefinedVariableInRunIsRefused() {
        // when
        String msg = problems(probe("xl shutdown {{ mastervm }}", "kind: change"));

        // then
        assertThat(msg).contains("rb.yaml:10:5:").contains("undefined variable 'mastervm'");
    }

    @Test
    void anUndefinedVariableInWhenIsRefused() {
        // when
        String msg = problems(probe("xl list", "when: shared_storage"));

        // then
        assertThat(msg).contains("rb.yaml:11:").contains("undefined variable 'shared_storage'");
    }

    @Test
    void anUndefinedVariableInAssertIsRefused() {
        // when
        String msg = problems(probe("xl list", "assert: [{that: guests == 0, message: bad}]"));

        // then
        assertThat(msg).contains("rb.yaml:11:").contains("undefined variable 'guests'");
    }

    @Test
    void anUndefinedVariableInCaptureIsRefused() {
        // when
        String msg = problems(probe("xl list", "capture: {n: len(domains)}"));

        // then
        assertThat(msg).contains("rb.yaml:11:").contains("undefined variable 'domains'");
    }

    @Test
    void anUndefinedVariableInAMessageIsRefused() {
        // when
        String msg = problems(probe("xl list", "assert: [{that: exit == 0, message: 'bad {{ whom }}'}]"));

        // then
        assertThat(msg).contains("undefined variable 'whom'");
    }

    @Test
    void aCaptureIsVisibleToLaterStepsAndItsOwnAssert() {
        // given
        String yaml = HEAD + """
                  - id: first
                    title: A
                    on: "{{ node }}"
                    run: xl list
                    parse: xl-list
                    capture: {guests: out.guests, count: len(guests)}
                    assert: [{that: count >= 0 and empty(guests) or true, message: "{{ count }} guests"}]
                    until: {that: count == 0, timeout: 1m}
                  - id: second
                    title: B
                    when: count > 0
                    notice: "{{ join(guests, ', ') }}"
                """;

        // then
        assertThatCode(() -> load(yaml)).doesNotThrowAnyException();
    }

    @Test
    void aCaptureIsNotVisibleToEarlierSteps() {
        // given
        String yaml = HEAD + """
                  - id: first
                    title: A
                    when: not empty(guests)
                    notice: "{{ guests }}"
                  - id: second
                    title: B
                    on: "{{ node }}"
                    run: xl list
                    parse: xl-list
                    capture: {guests: out.guests}
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("undefined variable 'guests'").contains("rb.yaml:9:").contains("rb.yaml:10:");
    }

    @Test
    void aCaptureIsNotVisibleToItsOwnStepsWhenOrRun() {
        // when
        String msg = problems(probe("echo {{ n }}", "when: n > 0", "capture: {n: len(stdout)}"));

        // then
        assertThat(msg).contains("rb.yaml:10:").contains("rb.yaml:11:").contains("undefined variable 'n'");
    }

    @Test
    void resultNamesAreNotVisibleBeforeTheCommandRuns() {
        // when
        String msg = problems(probe("xl list", "when: exit == 0"));

        // then
        assertThat(msg).contains("undefined variable 'exit'");
    }

    // ---------------------------------------------------------------- parameters

    @Test
    void aParameterOfUnknownTypeIsRefused() {
        // given
        String yaml = """
                name: t/rb
                title: T
                params:
                  node: {type: hostname}
                steps:
                  - {id: s1, title: A, notice: a}
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:4:").contains("unknown type 'hostname'").contains("host, hosts, cluster");
    }

    @Test
    void anEnumWithoutValuesIsRefused() {
        // given
        String yaml = """
                name: t/rb
                title: T
                params:
                  action: {type: enum}
                steps:
                  - {id: s1, title: A, notice: a}
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:4:3:").contains("an enum needs 'values'");
    }

    @Test
    void aSecretWithADefaultIsRefused() {
        // given
        String yaml = """
                name: t/rb
                title: T
                params:
                  password: {type: secret, default: db_password}
                steps:
                  - {id: s1, title: A, notice: a}
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:4:").contains("a secret cannot have a default");
    }

    @Test
    void aDefaultIsCheckedAgainstItsType() {
        // given
        String yaml = """
                name: t/rb
                title: T
                params:
                  action: {type: enum, values: [reboot, halt], default: poweroff}
                  limit: {type: int, min: 1, max: 10, default: 0}
                  disk: {type: uuid, required: false, default: none}
                  wait: {type: duration, default: soon}
                  ok: {type: int, min: 1, max: 10, default: 5}
                steps:
                  - {id: s1, title: A, notice: a}
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:4:").contains("parameter 'action': bad default: 'poweroff' is not one of")
                .contains("rb.yaml:5:").contains("parameter 'limit': bad default: 0 is outside 1..10")
                .contains("parameter 'disk': bad default")
                .contains("parameter 'wait': bad default")
                .doesNotContain("'ok'");
    }

    @Test
    void minAboveMaxIsRefused() {
        // given
        String yaml = """
                name: t/rb
                title: T
                params:
                  limit: {type: int, min: 10, max: 1}
                steps:
                  - {id: s1, title: A, notice: a}
                """;

        // then
        assertThat(problems(yaml)).contains("rb.yaml:4:").contains("min 10 is larger than max 1");
    }

    @Test
    void aParameterMayNotTakeAReservedName() {
        // given
        String yaml = """
                name: t/rb
                title: T
                params:
                  host: {type: host}
                steps:
                  - {id: s1, title: A, notice: a}
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:4:3:").contains("parameter name 'host' is reserved");
    }

    // ---------------------------------------------------------------- probes and changes

    @ParameterizedTest
    @ValueSource(strings = {"reboot", "umount /data", "xl shutdown x", "echo 1 > /proc/sys/vm/drop_caches",
            "/etc/init.d/nginx start", "crontab -", "mount /data"})
    void aProbeWhoseCommandChangesStateIsRefused(String command) {
        // when
        String msg = problems(probe(command));

        // then
        assertThat(msg).contains("rb.yaml:10:5:").contains("marked as a probe but").contains("kind: change");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mount", "mount | grep /data", "xl list", "crontab -l", "cat /proc/drbd",
            "grep x /var/log/messages > /dev/null"})
    void aReadOnlyCommandIsAcceptedAsAProbe(String command) {
        // when
        Runbook rb = load(probe("'" + command + "'"));

        // then
        assertThat(rb.steps().get(0).kind()).isEqualTo(StepKind.PROBE);
        assertThat(rb.steps().get(0).run().source()).isEqualTo(command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reboot", "umount /data", "xl shutdown x", "mount /data"})
    void aChangeMarkedAsOneIsAccepted(String command) {
        // when
        Runbook rb = load(probe(command, "kind: change"));

        // then
        assertThat(rb.steps().get(0).kind()).isEqualTo(StepKind.CHANGE);
    }

    @Test
    void anUnknownKindIsRefused() {
        // when
        String msg = problems(probe("xl list", "kind: read"));

        // then
        assertThat(msg).contains("rb.yaml:11:5:").contains("kind must be probe or change");
    }

    @Test
    void aDestructiveStepNeedsAConfirmText() {
        // when
        String msg = problems(probe("reboot", "destructive: {type: '{{ host.name }}'}"));

        // then
        assertThat(msg).contains("rb.yaml:11:").contains("destructive needs 'confirm'");
    }

    @Test
    void destructiveImpliesChange() {
        // when
        Runbook rb = load(probe("reboot", "destructive: {confirm: 'reboot {{ host.name }}', type: '{{ host.name }}'}"));

        // then
        Step s = rb.steps().get(0);
        assertThat(s.kind()).isEqualTo(StepKind.CHANGE);
        assertThat(s.isDestructive()).isTrue();
        assertThat(s.destructive().confirm().source()).isEqualTo("reboot {{ host.name }}");
        assertThat(s.destructive().typed().source()).isEqualTo("{{ host.name }}");
    }

    @Test
    void expectDisconnectImpliesChange() {
        // when
        Runbook rb = load(probe("reboot", "expect_disconnect: true"));

        // then
        assertThat(rb.steps().get(0).kind()).isEqualTo(StepKind.CHANGE);
        assertThat(rb.steps().get(0).expectDisconnect()).isTrue();
    }

    @Test
    void aDestructiveProbeIsAContradiction() {
        // when
        String msg = problems(probe("reboot", "kind: probe", "destructive: {confirm: reboot}"));

        // then
        assertThat(msg).contains("rb.yaml:11:5:").contains("a destructive step is a change, not a probe");
    }

    // ---------------------------------------------------------------- failure handling and waits

    @Test
    void onFailureRecoverNeedsRecoverSteps() {
        // when
        String msg = problems(probe("xl list", "on_failure: recover"));

        // then
        assertThat(msg).contains("rb.yaml:11:5:").contains("on_failure: recover needs 'recover: [step ids]'");
    }

    @Test
    void recoverMustNameARecoveryStep() {
        // given
        String yaml = probe("xl list", "on_failure: recover", "recover: [undo, redo]") + """
                recovery:
                  - {id: undo, title: Undo, notice: undo it}
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("rb.yaml:7:").contains("recovery step 'redo' is not in the runbook's 'recovery' list")
                .doesNotContain("'undo' is not");
    }

    @Test
    void recoverWithoutOnFailureRecoverIsRefused() {
        // given
        String yaml = probe("xl list", "recover: [undo]") + """
                recovery:
                  - {id: undo, title: Undo, notice: undo it}
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("'recover' needs on_failure: recover");
    }

    @Test
    void aWaitNeedsATimeout() {
        // when
        String msg = problems(probe("xl list", "until: {that: exit == 0, interval: 5s}"));

        // then
        assertThat(msg).contains("rb.yaml:11:").contains("until needs 'timeout'");
    }

    @Test
    void aWaitNeedsAnIntervalAndTimeoutLongerThanZero() {
        // when
        String msg = problems(probe("xl list", "until:", "  that: exit == 0", "  interval: 0s", "  timeout: 0m"));

        // then
        assertThat(msg).contains("rb.yaml:13:7: step 's1': until 'interval' must be longer than 0s")
                .contains("rb.yaml:14:7: step 's1': until 'timeout' must be longer than 0s");
    }

    @Test
    void aWaitWithoutIntervalPollsEveryFiveSeconds() {
        // when
        Runbook rb = load(probe("xl list", "until: {that: exit == 0, timeout: 10m}"));

        // then
        assertThat(rb.steps().get(0).until().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(rb.steps().get(0).until().timeout()).isEqualTo(Duration.ofMinutes(10));
    }

    // ---------------------------------------------------------------- shell safety

    @ParameterizedTest
    @ValueSource(strings = {"\"echo '{{ node }}'\"", "'echo \"{{ node }}\"'", "'echo `{{ node }}`'"})
    void aSubstitutionInsideQuotesIsRefused(String run) {
        // when
        String msg = problems(probe(run));

        // then
        assertThat(msg).contains("rb.yaml:10:5:").contains("shell quoting can't protect");
    }

    @Test
    void aSubstitutionInsideQuotesIsAllowedWithRaw() {
        // when
        Runbook rb = load(probe("\"echo '{{ node }}'\"", "raw: true"));

        // then
        assertThat(rb.steps().get(0).raw()).isTrue();
    }

    @Test
    void aPlainWordSubstitutionIsShellSafe() {
        // when
        Runbook rb = load(probe("ls -l /data/{{ node }}.cfg"));

        // then
        assertThat(rb.steps().get(0).raw()).isFalse();
    }

    // ---------------------------------------------------------------- step shape

    @Test
    void aStepNeedsRunOrNotice() {
        // when
        String msg = problems(HEAD + "  - {id: s1, title: A}\n");

        // then
        assertThat(msg).contains("rb.yaml:7:5:").contains("needs 'run' (a command) or 'notice'");
    }

    @Test
    void aCommandStepNeedsOn() {
        // when
        String msg = problems(HEAD + "  - {id: s1, title: A, run: xl list}\n");

        // then
        assertThat(msg).contains("a command step needs 'on'");
    }

    @Test
    void asMustBeAUserName() {
        // when
        String msg = problems(probe("xl list", "as: 'root; reboot'"));

        // then
        assertThat(msg).contains("rb.yaml:11:5:").contains("'as' must be a user name");
    }

    @Test
    void allowExitTakesNumbers() {
        // when
        String msg = problems(probe("grep x /etc/hosts", "allow_exit: [0, one]"));

        // then
        assertThat(msg).contains("allow_exit takes exit statuses, not 'one'");
    }

    @Test
    void anExpressionThatDoesNotParseIsReported() {
        // when
        String msg = problems(probe("xl list", "when: action ==="));

        // then the location is given once
        assertThat(msg).contains("rb.yaml:11:11: invalid expression 'action ==='").doesNotContain("rb.yaml:11:11: rb.yaml");
    }

    @Test
    void aTemplateThatDoesNotParseIsReportedOnce() {
        // when
        String msg = problems(probe("'echo {{ node'"));

        // then
        assertThat(msg).contains("rb.yaml:10:5: invalid template 'echo {{ node'").doesNotContain("rb.yaml:10:5: rb.yaml");
    }

    // ---------------------------------------------------------------- reporting

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        // given
        String yaml = """
                name: t/rb
                title: T
                colour: blue
                params:
                  action: {type: enum}
                steps:
                  - id: Bad_Id
                    title: A
                    on: "{{ node }}"
                    run: reboot
                  - id: s2
                    title: B
                    notice: "{{ nothing }}"
                    parse: nope
                """;

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).contains("unknown key 'colour'")
                .contains("an enum needs 'values'")
                .contains("id must be kebab-case")
                .contains("undefined variable 'node'")
                .contains("marked as a probe but")
                .contains("undefined variable 'nothing'")
                .contains("unknown parser 'nope'");
        assertThat(msg.lines().filter(l -> l.startsWith("  rb.yaml:")).count()).isGreaterThanOrEqualTo(7);
        assertThat(msg).startsWith("invalid runbook rb.yaml (");
    }

    @Test
    void malformedYamlIsReportedWithItsLocation() {
        // given a tab used for indentation
        String yaml = "name: t/rb\ntitle: T\nsteps:\n\t- id: s1\n";

        // when
        String msg = problems(yaml);

        // then
        assertThat(msg).containsPattern("rb\\.yaml:\\d+:\\d+: not valid YAML");
    }

    @Test
    void aListWhereStepsShouldBeIsReported() {
        // when
        String msg = problems("name: t/rb\ntitle: T\nsteps: {id: s1}\n");

        // then
        assertThat(msg).contains("rb.yaml:3:").contains("'steps' must be a list of steps");
    }

    @Test
    void withinNamesACidrParameterAndAppliesToIpv4Only() {
        String good = "name: t/rb\ntitle: T\nparams:\n  address: {type: cidr}\n  gateway: {type: ipv4, within: address}\n"
                + "steps:\n  - {id: s1, title: T, notice: hi}\n";
        assertThat(load(good).param("gateway").orElseThrow().within()).isEqualTo("address");
        assertThat(problems(good.replace("within: address", "within: nothing")))
                .contains("parameter 'gateway': within 'nothing' must name a cidr parameter of this runbook");
        assertThat(problems(good.replace("gateway: {type: ipv4,", "gateway: {type: string,")))
                .contains("parameter 'gateway': 'within' applies to ipv4 and host only");
    }

    @Test
    void aHostWithinNamesAClusterParameter() {
        String good = "name: t/rb\ntitle: T\nparams:\n  pair: {type: cluster}\n  victim: {type: host, within: pair}\n"
                + "steps:\n  - {id: s1, title: T, notice: hi}\n";
        assertThat(load(good).param("victim").orElseThrow().within()).isEqualTo("pair");
        assertThat(problems(good.replace("pair: {type: cluster}", "pair: {type: cidr}")))
                .contains("parameter 'victim': within 'pair' must name a cluster parameter of this runbook");
    }

    @Test
    void reservedNamesAreTheDocumentedOnes() {
        assertThat(RunbookLoader.STEP_NAMES).isEqualTo(Set.of("host", "zone", "hosts", "clusters", "params", "captured"));
        assertThat(List.copyOf(RunbookLoader.RESULT_NAMES)).containsExactlyInAnyOrder("out", "stdout", "stderr", "exit", "sent_at", "received_at");
    }

    // ---------------------------------------------------------------- pipe and progress

    @Test
    void aPipedStepWithProgressLoads() {
        Runbook rb = load(probe("cat /src", "kind: change", "pipe: {to: node3, run: 'cat > /dst/{{ node }}'}",
                "progress: {total: 1024}", "capture: {moved: pipe.bytes}"));

        Step s = rb.steps().get(0);
        assertThat(s.isPiped()).isTrue();
        assertThat(s.pipe().to().source()).isEqualTo("node3");
        assertThat(s.pipe().run().source()).isEqualTo("cat > /dst/{{ node }}");
        assertThat(s.progress().watchesFile()).isFalse();
        assertThat(s.progress().total().source()).isEqualTo("1024");
    }

    @Test
    void aWatchedProgressNeedsBothHostAndFile() {
        assertThat(load(probe("scp /a b:/c", "kind: change", "progress: {total: 10, on: node3, file: /c}"))
                .steps().get(0).progress().watchesFile()).isTrue();
        assertThat(problems(probe("scp /a b:/c", "kind: change", "progress: {total: 10, on: node3}")))
                .contains("progress needs 'on' and 'file'");
        assertThat(problems(probe("cat /a", "kind: change", "pipe: {to: node3, run: 'cat > /b'}", "progress: {on: node3, file: /b}")))
                .contains("a piped step counts the bytes it relays; progress takes only 'total'");
    }

    @Test
    void aPipeNeedsItsReceiverAndItsCommandAndCannotWaitOrParse() {
        assertThat(problems(probe("cat /a", "kind: change", "pipe: {to: node3}"))).contains("pipe needs 'to'")
                .contains("and 'run'");
        assertThat(problems(probe("cat /a", "kind: change", "parse: lines", "pipe: {to: node3, run: 'cat > /b'}")))
                .contains("parse, until and expect_disconnect do not apply");
        assertThat(problems(HEAD + "  - {id: s1, title: T, notice: hi, pipe: {to: node3, run: 'cat > /b'}}\n"))
                .contains("pipe and progress need a 'run' command");
    }

    @Test
    void aProbeWhosePipeCommandWritesIsRefused() {
        String msg = problems(probe("cat /a", "pipe: {to: node3, run: 'cat > /b'}"));

        assertThat(msg).contains("marked as a probe but its pipe command").contains("kind: change");
    }

    @Test
    void aPipeCommandIsQuotedLikeTheStepsOwn() {
        String msg = problems(probe("cat /a", "kind: change", "pipe: {to: node3, run: \"cat > '/b/{{ node }}'\"}"));

        assertThat(msg).contains("pipe:").contains("quot");
    }

    @Test
    void pipeIsReservedInsideAPipedStepAndAsAParameterName() {
        assertThat(problems("name: t/rb\ntitle: T\nparams: {pipe: {type: string}}\nsteps:\n  - {id: s1, title: T, on: all, run: 'true'}\n"))
                .contains("parameter name 'pipe' is reserved");
        assertThat(problems(probe("true", "assert: [{that: pipe.exit == 0, message: m}]"))).contains("undefined variable 'pipe'");
    }
}
