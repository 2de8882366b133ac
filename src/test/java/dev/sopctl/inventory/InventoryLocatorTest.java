package dev.sopctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLocatorTest {
    @TempDir
    Path dir;

    private Path work;
    private Path home;
    private Path xdg;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createDirectories(dir.resolve("work"));
        home = Files.createDirectories(dir.resolve("home"));
        xdg = Files.createDirectories(dir.resolve("xdg"));
        env.put("HOME", home.toString());
    }

    @Test
    void theOptionComesFirst() throws IOException {
        // given a file at every place
        Path explicit = touch(dir.resolve("explicit.yaml"));
        env.put("SOPCTL_INVENTORY", touch(dir.resolve("from-env.yaml")).toString());
        touch(work.resolve("inventory.yaml"));
        env.put("XDG_CONFIG_HOME", xdg.toString());
        touch(xdg.resolve("sopctl/inventory.yaml"));

        // when / then
        assertThat(InventoryLocator.locate(explicit, env, work)).isEqualTo(explicit);
    }

    @Test
    void aRelativeOptionIsRelativeToTheWorkingFolder() throws IOException {
        touch(work.resolve("estate/inv.yaml"));

        assertThat(InventoryLocator.locate(Path.of("estate/inv.yaml"), env, work))
                .isEqualTo(work.resolve("estate/inv.yaml"));
    }

    @Test
    void thenTheVariable() throws IOException {
        Path fromEnv = touch(dir.resolve("from-env.yaml"));
        env.put("SOPCTL_INVENTORY", fromEnv.toString());
        touch(work.resolve("inventory.yaml"));

        assertThat(InventoryLocator.locate(null, env, work)).isEqualTo(fromEnv);
    }

    @Test
    void thenTheWorkingFolder() throws IOException {
        Path local = touch(work.resolve("inventory.yaml"));
        env.put("XDG_CONFIG_HOME", xdg.toString());
        touch(xdg.resolve("sopctl/inventory.yaml"));

        assertThat(InventoryLocator.locate(null, env, work)).isEqualTo(local);
    }

    @Test
    void thenTheXdgConfigFolder() throws IOException {
        env.put("XDG_CONFIG_HOME", xdg.toString());
        Path config = touch(xdg.resolve("sopctl/inventory.yaml"));

        assertThat(InventoryLocator.locate(null, env, work)).isEqualTo(config);
    }

    @Test
    void theXdgConfigFolderDefaultsToDotConfigInHome() throws IOException {
        Path config = touch(home.resolve(".config/sopctl/inventory.yaml"));

        assertThat(InventoryLocator.locate(null, env, work)).isEqualTo(config);
    }

    @Test
    void aRelativeXdgConfigHomeIsIgnoredAsTheSpecificationSays() throws IOException {
        env.put("XDG_CONFIG_HOME", "relative/config");
        Path config = touch(home.resolve(".config/sopctl/inventory.yaml"));

        assertThat(InventoryLocator.locate(null, env, work)).isEqualTo(config);
    }

    @Test
    void whenNothingExistsEveryPlaceLookedIsListed() {
        env.put("XDG_CONFIG_HOME", xdg.toString());

        assertThatThrownBy(() -> InventoryLocator.locate(null, env, work))
                .isInstanceOfSatisfying(SopctlException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
                    assertThat(e.hint()).contains("--inventory FILE", "SOPCTL_INVENTORY");
                })
                .hasMessage("no inventory found; looked for --inventory FILE (not given), $SOPCTL_INVENTORY (not set), "
                        + work.resolve("inventory.yaml") + ", " + xdg.resolve("sopctl/inventory.yaml"));
    }

    @Test
    void anExplicitFileThatDoesNotExistIsAnErrorNotAFallback() throws IOException {
        // given a local inventory that must not be used instead of the one asked for
        touch(work.resolve("inventory.yaml"));

        assertThatThrownBy(() -> InventoryLocator.locate(Path.of("prod.yaml"), env, work))
                .isInstanceOfSatisfying(SopctlException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessage("inventory prod.yaml: no such file");
    }

    @Test
    void aVariableNamingAMissingFileIsAnErrorNotAFallback() throws IOException {
        touch(work.resolve("inventory.yaml"));
        env.put("SOPCTL_INVENTORY", "/nowhere/prod.yaml");

        assertThatThrownBy(() -> InventoryLocator.locate(null, env, work))
                .isInstanceOf(SopctlException.class)
                .hasMessage("inventory /nowhere/prod.yaml (from $SOPCTL_INVENTORY): no such file");
    }

    @Test
    void aFolderIsNotAnInventory() {
        assertThatThrownBy(() -> InventoryLocator.locate(Path.of("home"), env, dir))
                .isInstanceOf(SopctlException.class)
                .hasMessage("inventory home: is a folder, not a file");
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "hosts: {}\n");
    }
}
