package dev.sopctl.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.SopctlException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void aPackagedRunbookIsFoundByNameAndIsInTheListing() {
        RunbookRepository repo = RunbookRepository.load(null);
        RunbookRepository.Source s = repo.source("pvdi/node-shutdown");
        assertThat(s.origin()).isEqualTo("classpath:runbooks/pvdi/node-shutdown.yaml");
        assertThat(repo.get("pvdi/node-shutdown").name()).isEqualTo("pvdi/node-shutdown");
        assertThat(repo.names()).contains("pvdi/node-shutdown", "pvdi/node-check");
        // the same answer once the listing has read every packaged file
        assertThat(repo.source("pvdi/node-shutdown")).isEqualTo(s);
    }

    @Test
    void aUserRunbookOverridesThePackagedOneOfTheSameName() throws Exception {
        Files.createDirectories(dir.resolve("pvdi"));
        String text = Files.readString(Path.of("runbooks/pvdi/node-check.yaml"));
        Files.writeString(dir.resolve("pvdi/node-check.yaml"), text);
        Files.writeString(dir.resolve("mine.yaml"), text.replace("name: pvdi/node-check", "name: mine"));
        RunbookRepository repo = RunbookRepository.load(dir);
        assertThat(repo.source("pvdi/node-check").origin()).isEqualTo(dir.resolve("pvdi/node-check.yaml").toString());
        assertThat(repo.names()).contains("mine", "pvdi/node-check", "pvdi/node-shutdown");
    }

    @Test
    void namesThatAreNotRunbooksAreExit65() {
        RunbookRepository repo = RunbookRepository.load(null);
        for (String name : new String[] {"nope", "pvdi/../pvdi/node-check", "../runbooks/pvdi/node-check", "/pvdi/node-check",
                "pvdi/node-check.yaml", "README", ""}) {
            assertThatThrownBy(() -> repo.get(name)).as(name).isInstanceOfSatisfying(SopctlException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(65)).hasMessageContaining("no runbook named '" + name + "'");
        }
    }
}
