package dev.sopctl.inventory;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the inventory file (DESIGN.md §2): {@code --inventory FILE}, else {@code $SOPCTL_INVENTORY},
 * else {@code ./inventory.yaml}, else {@code $XDG_CONFIG_HOME/sopctl/inventory.yaml} (XDG default
 * {@code ~/.config}). A file the operator named (by option or variable) must exist: sopctl never
 * falls back to another estate's inventory because of a typo.
 *
 * <pre>{@code
 * Path file = InventoryLocator.locate(inventoryOption, System.getenv(), Path.of(""));
 * }</pre>
 */
public final class InventoryLocator {
    public static final String ENV_INVENTORY = "SOPCTL_INVENTORY";
    public static final String FILE_NAME = "inventory.yaml";

    private InventoryLocator() {}

    /**
     * @param explicit    the {@code --inventory} value, or null; relative to {@code workingDir}
     * @param environment the process environment ({@code SOPCTL_INVENTORY}, {@code XDG_CONFIG_HOME}, {@code HOME})
     * @param workingDir  the folder {@code ./inventory.yaml} is looked for in; {@code Path.of("")} keeps
     *                    the returned path relative, as operators wrote it
     * @return an existing regular file
     * @throws SopctlException exit 65 when the named file does not exist, or no file exists anywhere
     *                         (the message lists every place looked)
     */
    public static Path locate(Path explicit, Map<String, String> environment, Path workingDir) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(workingDir, "workingDir");
        if (explicit != null) {
            return mustExist(workingDir.resolve(explicit), "inventory " + explicit);
        }
        String fromEnv = environment.get(ENV_INVENTORY);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return mustExist(workingDir.resolve(HomePaths.expandHome(fromEnv)),
                    "inventory " + fromEnv + " (from $" + ENV_INVENTORY + ")");
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(workingDir.resolve(FILE_NAME));
        candidates.add(configHome(environment).resolve("sopctl").resolve(FILE_NAME));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        StringBuilder looked = new StringBuilder("no inventory found; looked for --inventory FILE (not given), $"
                + ENV_INVENTORY + " (not set)");
        candidates.forEach(c -> looked.append(", ").append(c));
        throw new SopctlException(ExitCode.INVALID_INPUT, looked.toString(),
                "give one with --inventory FILE or set " + ENV_INVENTORY + "; examples/inventory.yaml shows the format");
    }

    /** {@code $XDG_CONFIG_HOME} when set to an absolute path (as the XDG spec says), else {@code $HOME/.config}. */
    static Path configHome(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        String home = environment.get("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, ".config");
    }

    private static Path mustExist(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new SopctlException(ExitCode.INVALID_INPUT, what + ": is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new SopctlException(ExitCode.INVALID_INPUT, what + ": no such file");
        }
        return file;
    }
}
