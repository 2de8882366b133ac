import dev.sopctl.Main;
import dev.sopctl.cli.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by bench/cli-equivalence.sh (not a test): runs each line of a file (words split at spaces;
 * "<empty>" for no arguments) through {@link Main#run} and prints its exit code, output and errors,
 * so that two builds can be compared byte for byte.
 */
public class CliEquivalence {
    public static void main(String[] a) throws Exception {
        for (String line : Files.readAllLines(Path.of(a[0]))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] args = line.equals("<empty>") ? new String[0] : line.strip().split(" +");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(CliContext.system(), new PrintWriter(out), new PrintWriter(err), args);
            System.out.println("=== " + line + " -> " + code);
            System.out.print(out);
            System.out.println("--- err");
            System.out.print(err);
        }
    }
}
