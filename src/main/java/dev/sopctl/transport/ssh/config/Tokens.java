package dev.sopctl.transport.ssh.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * OpenSSH's {@code %} tokens and {@code ~} in file names (ssh_config(5) TOKENS): %% %C %d %h %i
 * %k %L %l %n %p %r %u.
 */
final class Tokens {
    private final Map<Character, String> values;

    private Tokens(Map<Character, String> values) {
        this.values = values;
    }

    /** The tokens of a connection to {@code hostName:port} as {@code user}, asked for as {@code original}. */
    static Tokens of(LocalUser local, String original, String hostName, int port, String user) {
        String shortHost = local.hostName().contains(".") ? local.hostName().substring(0, local.hostName().indexOf('.'))
                : local.hostName();
        return new Tokens(Map.ofEntries(
                Map.entry('%', "%"),
                Map.entry('C', sha1Hex(local.hostName() + hostName + port + user)),
                Map.entry('d', local.home().toString()),
                Map.entry('h', hostName),
                Map.entry('i', local.uid()),
                Map.entry('k', original),
                Map.entry('L', shortHost),
                Map.entry('l', local.hostName()),
                Map.entry('n', original),
                Map.entry('p', String.valueOf(port)),
                Map.entry('r', user),
                Map.entry('u', local.name())));
    }

    /** Only {@code %h} and {@code %%}: what HostName may use. */
    static Tokens hostOnly(String host) {
        return new Tokens(Map.of('%', "%", 'h', host));
    }

    /** @throws IllegalArgumentException naming an unknown token */
    String expand(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new IllegalArgumentException("'" + s + "' ends with a lone %");
            }
            String v = values.get(s.charAt(++i));
            if (v == null) {
                throw new IllegalArgumentException("unknown token %" + s.charAt(i) + " in '" + s + "'");
            }
            out.append(v);
        }
        return out.toString();
    }

    static String tilde(String s, LocalUser local) {
        if (s.equals("~") || s.startsWith("~/")) {
            return local.home() + s.substring(1);
        }
        return s;
    }

    private static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
