package dev.sopctl.transport.ssh.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits an ssh_config file into directives the way OpenSSH does: {@code Keyword args} or
 * {@code Keyword=args}, arguments separated by blanks, double or single quotes group words,
 * a backslash escapes a quote, a word starting with {@code #} ends the line.
 */
final class ConfigFileReader {
    private ConfigFileReader() {}

    static List<ConfigLine> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new SshConfigException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new SshConfigException(file + ": cannot read: " + e.getMessage());
        }
        List<ConfigLine> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ConfigLine parsed = parse(file, i + 1, lines.get(i));
            if (parsed != null) {
                out.add(parsed);
            }
        }
        return out;
    }

    /** The directive on one line, or null for a blank line or a comment. */
    static ConfigLine parse(Path file, int lineNo, String text) {
        String s = text.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return null;
        }
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '=') {
            end++;
        }
        String keyword = s.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = s.substring(end).stripLeading();
        if (rest.startsWith("=")) {
            rest = rest.substring(1);
        }
        List<String> args = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < rest.length() && rest.charAt(i + 1) == quote) {
                    word.append(quote);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    args.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                if (c == '#') {
                    break; // a comment after the arguments
                }
                word = new StringBuilder();
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '\\' && i + 1 < rest.length() && (rest.charAt(i + 1) == '"' || rest.charAt(i + 1) == '\'')) {
                word.append(rest.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new ConfigLine(file, lineNo, keyword, List.of()).error("unterminated " + quote + " quote");
        }
        if (word != null) {
            args.add(word.toString());
        }
        return new ConfigLine(file, lineNo, keyword, args);
    }
}
