package dev.sopctl.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The build's man-page step (not a test): writes picocli's AsciiDoc man pages of the real command
 * tree, {@code sopctl(1)} and one per subcommand, into the folder given as the argument; the
 * asciidoctor plugin then renders them as roff. Run by exec-maven-plugin in prepare-package, so the
 * pages always describe the jar they are packaged with. It lives with the tests because
 * picocli-codegen is a build tool, not something the jar should carry.
 */
public final class ManPageSources {
    private ManPageSources() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPageSources OUTDIR");
        }
        CommandSpec root = SopctlCommand.commandLine(CliContext.system(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).getCommandSpec();
        int code = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, root);
        if (code != 0) {
            throw new IOException("picocli's ManPageGenerator failed with exit code " + code);
        }
    }
}
