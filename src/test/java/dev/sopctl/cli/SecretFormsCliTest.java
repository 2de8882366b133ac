package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.testing.ScriptedTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret is hidden in every form it takes when printed: shell-quoted (a value with {@code '}),
 * JSON-escaped, and line by line when it spans several lines; a secret too short to redact safely
 * is refused before anything runs.
 */
class SecretFormsCliTest {
    private static final String QUOTY = "Ab'cd\"ef-Pw9";
    private static final String MULTI = "first-line-AAAA\nsecond-line-BBBB";

    @TempDir
    Path state;
    private Path inv;
    private Path runbooks;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(state.resolve("key.txt"), MULTI + "\n");
        inv = state.resolve("inv.yaml");
        Files.writeString(inv, "hosts: {db1: {address: 10.9.9.9, role: mastervm}}\n"
                + "secrets: {db_pw: {env: DBPW}, key: {file: " + state.resolve("key.txt") + "}}\n");
        Path rb = Files.createDirectories(state.resolve("rb/db"));
        Files.writeString(rb.resolve("dump.yaml"), """
                name: db/dump
                title: dump
                params: {pw: {type: secret}}
                steps:
                  - {id: dump, title: dump, on: db1, kind: change, run: "mysqldump -p{{ pw }} pvdi"}
                """);
        runbooks = state.resolve("rb");
    }

    private Cli cli(String secret) {
        Cli cli = new Cli(state);
        cli.env.put("DBPW", secret);
        cli.transport = new ScriptedTransport().on("db1", ".*", ScriptedTransport.Reply.exit(2,
                "key is\n" + MULTI + "\npw " + secret + "\n", "bad password " + secret + "\n"));
        return cli;
    }

    private List<Cli.Result> everyWay(Cli cli) {
        List<Cli.Result> all = new ArrayList<>();
        for (List<String> extra : List.of(List.of("-v"), List.of("-q"), List.of("-o", "json"), List.of("-n"),
                List.of("-n", "-o", "json"))) {
            List<String> args = new ArrayList<>(List.of("-i", inv.toString(), "--runbooks", runbooks.toString(), "-y"));
            args.addAll(extra);
            args.addAll(List.of("run", "db/dump", "-p", "pw=db_pw"));
            all.add(cli.run(args.toArray(String[]::new)));
        }
        return all;
    }

    @Test
    void aSecretWithQuotesIsHiddenInItsShellQuotedAndJsonForms() throws IOException {
        List<Cli.Result> results = everyWay(cli(QUOTY));

        for (Cli.Result r : results) {
            assertThat(r.all()).contains("***").doesNotContain("Ab").doesNotContain("Pw9").doesNotContain("cd\\\"ef");
        }
        assertThat(results.get(0).all()).contains("mysqldump -p'***' pvdi");
        assertThat(transcripts()).contains("***").doesNotContain("Ab").doesNotContain("Pw9");
    }

    @Test
    void aMultiLineSecretIsHiddenLineByLine() throws IOException {
        List<Cli.Result> results = everyWay(cli("plain-secret-1"));

        for (Cli.Result r : results) {
            assertThat(r.all()).doesNotContain("first-line-AAAA").doesNotContain("second-line-BBBB");
        }
        assertThat(results.get(0).out()).contains("key is").contains("***");
        assertThat(transcripts()).doesNotContain("first-line-AAAA").doesNotContain("second-line-BBBB")
                .doesNotContain("plain-secret-1");
    }

    @Test
    void aSecretTooShortToRedactIsRefusedBeforeAnythingRuns() {
        Cli cli = cli("e");

        Cli.Result r = cli.run("-i", inv.toString(), "--runbooks", runbooks.toString(), "-y", "run", "db/dump",
                "-p", "pw=db_pw");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("secret 'db_pw'").contains("DBPW").contains("at least 6 characters");
        assertThat(cli.transport.log()).isEmpty();
    }

    @Test
    void aSecretQuotedInAnErrorIsHiddenToo() throws IOException {
        Files.writeString(runbooks.resolve("db/where.yaml"), """
                name: db/where
                title: a host named by a secret, by mistake
                params: {pw: {type: secret}}
                steps:
                  - {id: look, title: look, on: "{{ pw }}", run: "uptime"}
                """);
        Cli cli = cli(QUOTY);

        Cli.Result r = cli.run("-i", inv.toString(), "--runbooks", runbooks.toString(), "-n", "run", "db/where",
                "-p", "pw=db_pw");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("***").doesNotContain("Ab").doesNotContain("Pw9");
    }

    private String transcripts() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(state.resolve("sopctl/transcripts"))) {
            for (Path f : files.toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
