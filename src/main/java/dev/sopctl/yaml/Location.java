package dev.sopctl.yaml;

import java.util.Objects;

/** A place in a source file, 1-based line and column, printed as {@code file:line:col}. */
public record Location(String file, int line, int column) {
    public Location {
        Objects.requireNonNull(file, "file");
    }

    /** For values that come from no file (command line, defaults). */
    public static Location of(String what) {
        return new Location(what, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
