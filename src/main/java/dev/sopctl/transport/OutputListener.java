package dev.sopctl.transport;

/** Receives a command's output line by line as it arrives. Implementations must be thread-safe. */
@FunctionalInterface
public interface OutputListener {
    enum Stream { STDOUT, STDERR }

    /** One line without its line terminator. */
    void line(Stream stream, String line);

    OutputListener NONE = (stream, line) -> { };
}
