package dev.sopctl.cli;

import java.io.Console;
import java.io.PrintWriter;

/** A terminal to ask the operator on: prints a prompt and reads one line. */
public interface TerminalIo {
    PrintWriter writer();

    /** The line typed, without its end; null at end of input. */
    String readLine(String prompt);

    /** Columns, for lines redrawn in place (a progress bar); 80 when unknown. */
    default int width() {
        return 80;
    }

    /** A secret (passphrase): not echoed. */
    default char[] readSecret(String prompt) {
        String line = readLine(prompt);
        return line == null ? null : line.toCharArray();
    }

    /** System.console(), or null when standard input or output is not a terminal. */
    static TerminalIo console() {
        Console c = System.console();
        if (c == null || !isTerminal(c)) {
            return null;
        }
        return new TerminalIo() {
            @Override
            public PrintWriter writer() {
                return c.writer();
            }

            @Override
            public int width() {
                // Java cannot ask the terminal; shells export COLUMNS only sometimes
                try {
                    int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
                    return columns >= 40 ? columns : TerminalIo.super.width();
                } catch (NumberFormatException e) {
                    return TerminalIo.super.width();
                }
            }

            @Override
            public String readLine(String prompt) {
                return c.readLine("%s", prompt);
            }

            @Override
            public char[] readSecret(String prompt) {
                return c.readPassword("%s", prompt);
            }
        };
    }

    /**
     * Java 22 and later return a Console also when input or output is redirected, and say so with
     * {@code Console.isTerminal()}; on Java 17 a Console exists only for a terminal.
     */
    private static boolean isTerminal(Console c) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
