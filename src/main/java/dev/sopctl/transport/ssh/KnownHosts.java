package dev.sopctl.transport.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An OpenSSH known_hosts file, read as sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT" describes it: optional
 * marker ({@code @revoked}, {@code @cert-authority}), comma-separated host patterns (wildcards
 * {@code *} {@code ?}, negation {@code !}, {@code [host]:port} for ports other than 22) or one
 * hashed name {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}, key type, base64 key, comment.
 * Lines that do not parse are skipped, as OpenSSH does, and so are lines with any other marker
 * ({@code @revoke}, {@code @Revoked}, a future one): OpenSSH's {@code check_markers} rejects them,
 * and trusting the key of a line meant to do something we cannot tell would be wrong either way.
 * Not thread-safe; {@link HostKeyPolicy}
 * serialises access.
 */
final class KnownHosts {

    /** One usable line. {@code line} is 1-based, for "remove line N" hints. */
    record Entry(int line, String marker, String hosts, String keyType, byte[] key) {
        boolean revoked() {
            return "@revoked".equals(marker);
        }

        boolean matches(String lookupName) {
            if (hosts.startsWith("|1|")) {
                return hashedMatches(hosts, lookupName);
            }
            boolean positive = false;
            for (String pattern : hosts.split(",")) {
                if (pattern.startsWith("!")) {
                    if (wildcardMatches(pattern.substring(1), lookupName)) {
                        return false;
                    }
                } else if (wildcardMatches(pattern, lookupName)) {
                    positive = true;
                }
            }
            return positive;
        }
    }

    private final Path file;
    private List<Entry> entries = List.of();
    private long loadedSize = -1;
    private long loadedModified = -1;

    KnownHosts(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The entries as the file is now (re-read when it changed on disk since the last call). */
    List<Entry> entries() throws IOException {
        if (!Files.exists(file)) {
            entries = List.of();
            loadedSize = -1;
            return entries;
        }
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        if (size != loadedSize || modified != loadedModified) {
            entries = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
            loadedSize = size;
            loadedModified = modified;
        }
        return entries;
    }

    /** Entries whose host patterns match {@code address} on {@code port}, in file order. */
    List<Entry> matching(String address, int port) throws IOException {
        String name = lookupName(address, port);
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries()) {
            if (!"@cert-authority".equals(e.marker()) && e.matches(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Appends a plain entry and returns its line number. The file and its folder are created if missing. */
    int append(String address, int port, String keyType, byte[] key) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        StringBuilder text = new StringBuilder();
        if (Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file)) {
            text.append('\n');
        }
        text.append(lookupName(address, port)).append(' ').append(keyType).append(' ')
                .append(Base64.getEncoder().encodeToString(key)).append('\n');
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return lines.size() + 1;
    }

    /** The name OpenSSH looks up (and hashes): {@code host}, or {@code [host]:port} unless the port is 22. */
    static String lookupName(String address, int port) {
        String host = address.toLowerCase(Locale.ROOT);
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    static List<Entry> parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            int at = 0;
            String marker = null;
            if (f[0].startsWith("@")) {
                marker = f[0];
                at = 1;
                if (!marker.equals("@revoked") && !marker.equals("@cert-authority")) {
                    continue;
                }
            }
            if (f.length < at + 3) {
                continue;
            }
            try {
                byte[] key = Base64.getDecoder().decode(f[at + 2]);
                out.add(new Entry(i + 1, marker, f[at], f[at + 1], key));
            } catch (IllegalArgumentException badBase64) {
                // OpenSSH skips lines it cannot read; so do we
            }
        }
        return List.copyOf(out);
    }

    static boolean hashedMatches(String hashed, String name) {
        String[] parts = hashed.split("\\|");
        // "", "1", salt, hash
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] actual = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code *} any run of characters, {@code ?} one character; case-insensitive like OpenSSH. */
    static boolean wildcardMatches(String pattern, String name) {
        return glob(pattern.toLowerCase(Locale.ROOT), 0, name.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (glob(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return all.length == 0 || all[all.length - 1] == '\n';
    }

    static boolean sameKey(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
