package dev.sopctl.engine;

import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.runbook.ParameterValidator;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.RunbookLoader;
import dev.sopctl.runbook.RunbookRepository;
import dev.sopctl.testing.FakeTicker;
import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.transcript.RecordingSink;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Plans and runs a runbook against a scripted transport, recording every event. */
final class EngineHarness {
    static final Inventory EXAMPLE = InventoryLoader.load(Path.of("examples/inventory.yaml"), Map.of());

    final ScriptedTransport transport = new ScriptedTransport();
    final RecordingSink events = new RecordingSink();
    final FakeTicker ticker = new FakeTicker();
    Confirmer confirmer = Confirmer.ASSUME_YES;
    RunMode mode = RunMode.RUN;
    int parallel = 4;
    Inventory inventory = EXAMPLE;
    /** Run locks to take, or null for none. */
    RunLockOptions locks;
    /** Every confirmation asked, when {@link #answer} set the confirmer. */
    final List<ConfirmRequest> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Answers every confirmation with {@code answer} and records it in {@link #asked}. */
    void answer(ConfirmAnswer answer) {
        confirmer = request -> {
            asked.add(request);
            return answer;
        };
    }

    static Runbook packaged(String name) {
        return RunbookRepository.load(null).get(name);
    }

    static Runbook yaml(String text) {
        return RunbookLoader.parse(text, "test.yaml", null);
    }

    Plan plan(Runbook runbook, Map<String, String> params) {
        return Planner.plan(runbook, ParameterValidator.validate(runbook, params, inventory, Map.of()), inventory);
    }

    RunResult run(Runbook runbook, Map<String, String> params) {
        RunOptions options = new RunOptions(mode, parallel, null, "tester@test", List.of("sopctl", "test"), "a test",
                List.of(), locks);
        return new Executor(transport, confirmer, List.of(events), ticker, options).run("run-1", plan(runbook, params));
    }

    List<String> commands(String host) {
        return transport.commandsOn(host);
    }
}
