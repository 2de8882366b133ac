package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * completions/sopctl.bash must be what 'sopctl completion' prints now. After changing commands or
 * options: {@code mvn test -Dtest=CompletionScriptTest -Dcompletion.update=true}.
 */
class CompletionScriptTest {
    @TempDir
    Path state;

    @Test
    void theCheckedInCompletionScriptIsCurrent() throws IOException {
        Cli.Result r = new Cli(state).run("completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("complete -F").contains("shutdown").contains("--dry-run");
        Path file = Path.of("completions/sopctl.bash");
        if (Boolean.getBoolean("completion.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, r.out(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("completions/sopctl.bash is stale: regenerate it (see this test's Javadoc)")
                .isEqualTo(r.out());
    }
}
