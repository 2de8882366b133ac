package dev.sopctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code sopctl --version}: the version Maven wrote into version.properties. Read once per JVM:
 * picocli asks every command of the tree for it while building the tree, on every start.
 */
public final class VersionProvider implements IVersionProvider {
    private static final class Lines {
        static final String[] VALUE = read();
    }

    @Override
    public String[] getVersion() {
        return lines();
    }

    /** The lines {@code --version} prints. */
    public static String[] lines() {
        return Lines.VALUE.clone();
    }

    private static String[] read() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/sopctl/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sopctl's version.properties", e);
        }
        return new String[] {"sopctl " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
