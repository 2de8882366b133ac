package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectHintTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "exec --on node1 -- true|true",
        "-i inv.yaml node shutdown node1|true",
        "node shutdown node1 --dry-run|false",
        "node shutdown node1 -n|false",
        "exec --on all -- sh -c --help|true",
        "--help|false",
        "node --help|false",
        "help node|false",
        "--version|false",
        "completion bash|false",
        "transcript show|false",
        "runbooks list|false",
        "inventory list|false",
        "inventory export --format ansible|false",
        "inventory ping|true",
        "shell|true",
        "check --all|true",
        "''|false",
    })
    void guessesFromTheRawArguments(String line, boolean connects) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertThat(ConnectHint.mayConnect(args)).isEqualTo(connects);
    }
}
