package dev.sopctl.transport.ssh.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The OpenSSH client's own resolution: {@code ssh -G [-F FILE] [-l USER] [-p PORT] DESTINATION}
 * prints the settings ssh would use, after every Host, Match and Include rule of the installed
 * version. A bad file makes ssh fail naming the file and line; that message is passed on.
 */
public final class OpenSshResolver implements SshConfigSource {
    private static final long TIMEOUT_SECONDS = 10;

    private final String ssh;
    private final Path file;

    /**
     * @param ssh  the client executable ({@code ssh} from PATH, or a full path)
     * @param file the configuration file ({@code -F}); null for the user's and the system's
     */
    public OpenSshResolver(String ssh, Path file) {
        this.ssh = ssh;
        this.file = file;
    }

    /** The {@code ssh} executable on {@code PATH}, or null when the OpenSSH client is not installed. */
    public static String findClient(String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, "ssh");
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    @Override
    public String describe() {
        return ssh + " -G" + (file != null ? " -F " + file : "");
    }

    @Override
    public SshConfig resolve(String destination, String user, Integer port) {
        List<String> cmd = new ArrayList<>(List.of(ssh, "-G"));
        if (file != null) {
            cmd.addAll(List.of("-F", file.toString()));
        }
        if (user != null) {
            cmd.addAll(List.of("-l", user));
        }
        if (port != null) {
            cmd.addAll(List.of("-p", port.toString()));
        }
        cmd.add("--");
        cmd.add(destination);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new SshConfigException("cannot run " + describe() + ": " + e.getMessage());
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        String out = readAll(p.getInputStream());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SshConfigException(describe() + " " + destination + " did not finish within " + TIMEOUT_SECONDS
                        + "s (a Match exec command that hangs?)");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SshConfigException(describe() + " " + destination + ": interrupted");
        }
        if (p.exitValue() != 0) {
            String why = err.join().lines()
                    .filter(l -> !l.startsWith("Pseudo-terminal will not be allocated"))
                    .collect(Collectors.joining("; "));
            throw new SshConfigException("invalid OpenSSH configuration (" + describe() + "): " + why,
                    "fix the file and line ssh names");
        }
        return parse(out);
    }

    /** Reads {@code ssh -G} output. */
    static SshConfig parse(String output) {
        String hostName = null;
        String user = null;
        int port = 22;
        List<String> identityFiles = new ArrayList<>();
        boolean identitiesOnly = false;
        String proxyJump = null;
        String proxyCommand = null;
        List<String> known = List.of();
        String strict = "ask";
        String agent = null;
        for (String line : output.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp < 0) {
                continue;
            }
            String key = line.substring(0, sp);
            String value = line.substring(sp + 1);
            switch (key) {
                case "hostname" -> hostName = value;
                case "user" -> user = value;
                case "port" -> port = Integer.parseInt(value);
                case "identityfile" -> identityFiles.add(value);
                case "identitiesonly" -> identitiesOnly = value.equals("yes");
                case "proxyjump" -> proxyJump = value;
                case "proxycommand" -> proxyCommand = value;
                case "userknownhostsfile" -> known = Arrays.asList(value.split(" "));
                case "stricthostkeychecking" -> strict = value;
                case "identityagent" -> agent = value;
                default -> {
                    // a setting sopctl does not use
                }
            }
        }
        if (hostName == null || user == null) {
            throw new SshConfigException("ssh -G printed no hostname/user line; is the OpenSSH client working?");
        }
        return new SshConfig(hostName, user, port, identityFiles, identitiesOnly, proxyJump, known, strict, agent,
                proxyCommand);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
