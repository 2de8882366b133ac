package dev.sopctl.transcript;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link KilledRunTest}: writes a run-start, prints "started", then writes
 * output events of varying size until it is killed. A third argument, a seals folder, seals the run
 * there (it stays open, as a killed run's does).
 */
public final class TranscriptLoopMain {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        Seals seals = args.length > 2 ? new Seals(Path.of(args[2])) : null;
        TranscriptWriter writer = TranscriptWriter.open(file, args[1], new Redactor(List.of("s3cret")), Clock.systemUTC(),
                seals);
        writer.write(TranscriptEvents.RUN_START, Map.of("operator", "test@child", "command_line", "sopctl loop"));
        System.out.println("started");
        System.out.flush();
        for (long i = 0; ; i++) {
            String line = "line " + i + " s3cret " + "x".repeat((int) (i * 7919 % 20_000));
            writer.write(TranscriptEvents.OUTPUT, Map.of("step", "loop", "host", "node1", "stream", "stdout", "line", line));
        }
    }
}
