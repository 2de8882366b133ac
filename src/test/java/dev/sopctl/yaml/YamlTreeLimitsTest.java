package dev.sopctl.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Hostile YAML ends in exit 65 with a location, never in a stack overflow. */
class YamlTreeLimitsTest {
    /** The launcher's stack size (bin/sopctl: -Xss256k). */
    private static final long LAUNCHER_STACK = 256 * 1024;

    @Test
    void flowListsNestedThousandsDeepAreRefusedAtTheFirstLevelTooDeep() {
        int n = 5000;
        String yaml = "hosts:\n  a: {address: 10.0.0.1, vars: {x: " + "[".repeat(n) + "]".repeat(n) + "}}\n";

        Throwable thrown = parseOnLauncherStack(yaml);

        assertThat(thrown).isInstanceOfSatisfying(SopctlException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessageMatching("inv.yaml:2:9\\d: nested more than 64 levels deep; sopctl reads no deeper");
    }

    @Test
    void blockMappingsNestedHundredsDeepAreRefusedWithTheirLine() {
        StringBuilder yaml = new StringBuilder("hosts:\n  a:\n    address: 10.0.0.1\n    vars:\n");
        String indent = "      ";
        for (int i = 0; i < 600; i++) {
            yaml.append(indent).append("k").append(i).append(":\n");
            indent += "  ";
        }
        yaml.append(indent).append("v: 1\n");

        Throwable thrown = parseOnLauncherStack(yaml.toString());

        assertThat(thrown).isInstanceOf(SopctlException.class).hasMessageStartingWith("inv.yaml:66:")
                .hasMessageContaining("nested more than 64 levels deep");
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        int n = YamlTree.MAX_DEPTH - 1;
        YamlNode root = YamlTree.parse("x: " + "[".repeat(n) + "]".repeat(n) + "\n", "ok.yaml", new Problems());

        assertThat(root).isInstanceOf(YamlNode.Mapping.class);
    }

    private static Throwable parseOnLauncherStack(String yaml) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                YamlTree.parse(yaml, "inv.yaml", new Problems());
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "launcher-sized-stack", LAUNCHER_STACK);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return thrown.get();
    }
}
