package dev.sopctl.transport.ssh.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One directive of an ssh_config file.
 *
 * @param file    the file it is in
 * @param line    its 1-based line number
 * @param keyword the keyword, lower-cased (OpenSSH keywords are case-insensitive)
 * @param args    its arguments, unquoted
 */
record ConfigLine(Path file, int line, String keyword, List<String> args) {
    ConfigLine {
        args = List.copyOf(args);
    }

    String where() {
        return file + ":" + line;
    }

    SshConfigException error(String what) {
        return new SshConfigException(where() + ": " + what, "fix the line, or see ssh_config(5)");
    }
}
