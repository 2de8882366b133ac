package dev.sopctl.lab;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Brings the lab up for a {@link Lab} test class and down after it; injects {@link LabEstate}.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final Path LAB = Path.of("src/lab/lab").toAbsolutePath();
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String scenario = context.getRequiredTestClass().getAnnotation(Lab.class).value();
        String why = cannotStart();
        if (why != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the lab cannot start in CI: " + why);
            }
            Assumptions.abort("lab tests skipped: " + why);
        }
        Path dir = Path.of("target/lab", scenario).toAbsolutePath();
        Files.createDirectories(dir);
        run(List.of(LAB.toString(), "down", "--dir", dir.toString()), 300, false);
        Result up = run(List.of(LAB.toString(), "up", "--scenario", scenario, "--dir", dir.toString()), 900, true);
        if (up.code != 0) {
            run(List.of(LAB.toString(), "down", "--dir", dir.toString()), 300, false);
            fail("lab up --scenario " + scenario + " failed (exit " + up.code + "):\n" + up.output);
        }
        context.getStore(NS).put("estate", new LabEstate(scenario, dir, dir.resolve("inventory.yaml")));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        LabEstate estate = context.getStore(NS).get("estate", LabEstate.class);
        if (estate != null) {
            Result down = run(List.of(LAB.toString(), "down", "--dir", estate.dir().toString()), 300, true);
            if (down.code != 0) {
                fail("lab down failed (exit " + down.code + "):\n" + down.output);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == LabEstate.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getStore(NS).get("estate", LabEstate.class);
    }

    /** Why the lab cannot start here, or null when it can. */
    private static String cannotStart() throws IOException, InterruptedException {
        if (!Files.isExecutable(LAB)) {
            return LAB + " is missing";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not root (the lab needs mount and PID namespaces)";
        }
        Result r = run(List.of("unshare", "--mount", "--pid", "--fork", "true"), 30, false);
        return r.code == 0 ? null : "no namespaces: " + r.output.strip();
    }

    record Result(int code, String output) {}

    static Result run(List<String> command, int seconds, boolean echo) throws IOException, InterruptedException {
        return run(command, seconds, echo, java.util.Map.of());
    }

    static Result run(List<String> command, int seconds, boolean echo, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (System.getenv("LAB_NET") == null && command.contains("--dir")) {
            // each scenario's lab on addresses of its own (127.0.N.x), so one can never answer for another
            String dir = command.get(command.indexOf("--dir") + 1);
            pb.environment().put("LAB_NET", "127.0." + (10 + Math.floorMod(Path.of(dir).toAbsolutePath().toString().hashCode(), 200)));
        }
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (var in = p.getInputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    String s = new String(buf, 0, n, StandardCharsets.UTF_8);
                    synchronized (out) {
                        out.append(s);
                    }
                    if (echo) {
                        System.out.print(s);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            return new Result(124, out + "\n(timed out after " + seconds + "s)");
        }
        reader.join(5000);
        synchronized (out) {
            return new Result(p.exitValue(), out.toString());
        }
    }
}
