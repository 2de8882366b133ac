package dev.sopctl.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a lock command in a real local {@code sh}, as a host's shell would. */
public final class LocalShell {
    public record Result(int exit, String stdout, String stderr) {
        public LockScript.Answer answer() {
            return LockScript.read(stdout, stderr, exit);
        }
    }

    private LocalShell() {}

    public static Result run(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("sh did not end: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
