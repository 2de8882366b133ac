package dev.sopctl.engine;

import dev.sopctl.transcript.Redactor;
import dev.sopctl.transcript.TranscriptSink;
import dev.sopctl.transport.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Plan} over a {@link Transport}. The work is split by job: {@link StepLoop} (the
 * steps in order, on-failure rules, undo after a stop), {@link StepRunner} (one step on its hosts:
 * run-time targets, conditions, confirmations, publish), {@link FanOut} (parallel hosts),
 * {@link HostStep} (one step on one host: attempts, waits, captures, guards), {@link Transfers}
 * (relays and progress), {@link Undoer}, and {@link ModePolicy} for what --check does differently.
 * Every event goes to the sinks (transcript, terminal) as a typed {@code RunEvent}, secrets redacted.
 *
 * <pre>{@code
 * RunResult r = new Executor(transport, confirmer, sinks, Ticker.SYSTEM, options).run(runId, plan);
 * }</pre>
 */
public final class Executor {
    private final Transport transport;
    private final Confirmer confirmer;
    private final List<TranscriptSink> sinks;
    private final Ticker ticker;
    private final RunOptions options;

    public Executor(Transport transport, Confirmer confirmer, List<TranscriptSink> sinks, Ticker ticker,
            RunOptions options) {
        this.transport = transport;
        this.confirmer = confirmer;
        this.sinks = List.copyOf(sinks);
        this.ticker = ticker;
        this.options = options;
    }

    public RunResult run(String runId, Plan plan) {
        List<String> secrets = new ArrayList<>(options.extraSecrets());
        secrets.addAll(plan.params().secrets());
        Emitter events = new Emitter(sinks, new Redactor(secrets));
        if (options.mode() == RunMode.RUN && Transfers.mayRelay(plan)) {
            transport.prepareForBulkData();
        }
        return new StepLoop(new RunContext(runId, plan, options, transport, confirmer, ticker, events)).execute();
    }
}
