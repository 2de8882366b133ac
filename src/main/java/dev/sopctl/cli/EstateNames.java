package dev.sopctl.cli;

import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.inventory.InventoryLocator;
import dev.sopctl.runbook.Parameter;
import dev.sopctl.runbook.RunbookRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names the shell completes and shows: hosts, roles, zones and clusters of the inventory the
 * shell runs with, runbook names and their parameter names. The inventory is read again when its
 * file changes; a missing or broken one gives no names (the command itself will say why).
 */
final class EstateNames {
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Path explicitInventory;
    private final Path runbooksDir;
    private Path loadedFile;
    private FileTime loadedTime;
    private Inventory inventory;
    private RunbookRepository runbooks;

    EstateNames(Map<String, String> environment, Path workingDir, Path explicitInventory, Path runbooksDir) {
        this.environment = environment;
        this.workingDir = workingDir;
        this.explicitInventory = explicitInventory;
        this.runbooksDir = runbooksDir;
    }

    /** The inventory as the prompt shows it: {@code inventory.yaml, 9 hosts}, or why there is none. */
    synchronized String label() {
        Inventory inv = inventory();
        if (inv == null) {
            return loadedFile == null ? "no inventory" : loadedFile.getFileName() + ": invalid";
        }
        return loadedFile.getFileName() + ", " + inv.hosts().size() + " hosts";
    }

    /** Everything a target can be: {@code all}, host names, {@code role:R}, {@code zone:Z}, {@code cluster:C}. */
    synchronized List<String> targets() {
        Inventory inv = inventory();
        if (inv == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        out.add("all");
        out.addAll(inv.hosts().keySet());
        inv.hosts().values().forEach(h -> {
            if (h.role() != null) {
                out.add("role:" + h.role());
            }
            if (h.zone() != null) {
                out.add("zone:" + h.zone());
            }
        });
        inv.zones().keySet().forEach(z -> out.add("zone:" + z));
        inv.clusters().keySet().forEach(c -> out.add("cluster:" + c));
        return new ArrayList<>(out);
    }

    /** The cluster names alone (for options that take a cluster). */
    synchronized List<String> clusters() {
        Inventory inv = inventory();
        return inv == null ? List.of() : List.copyOf(inv.clusters().keySet());
    }

    synchronized List<String> runbooks() {
        RunbookRepository repo = repository();
        return repo == null ? List.of() : List.copyOf(repo.names());
    }

    /** The parameter names of a runbook, or none when it does not load. */
    synchronized List<String> params(String runbook) {
        RunbookRepository repo = repository();
        if (repo == null || !repo.names().contains(runbook)) {
            return List.of();
        }
        try {
            return repo.get(runbook).params().stream().map(Parameter::name).toList();
        } catch (SopctlException e) {
            return List.of();
        }
    }

    private RunbookRepository repository() {
        if (runbooks == null) {
            try {
                runbooks = RunbookRepository.load(runbooksDir);
            } catch (SopctlException e) {
                return null;
            }
        }
        return runbooks;
    }

    private Inventory inventory() {
        Path file;
        try {
            file = InventoryLocator.locate(explicitInventory, environment, workingDir);
        } catch (SopctlException e) {
            loadedFile = null;
            inventory = null;
            return null;
        }
        FileTime time;
        try {
            time = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            time = null;
        }
        if (inventory != null && file.equals(loadedFile) && time != null && time.equals(loadedTime)) {
            return inventory;
        }
        loadedFile = file;
        loadedTime = time;
        try {
            inventory = InventoryLoader.load(file, environment);
        } catch (SopctlException e) {
            inventory = null;
        }
        return inventory;
    }
}
