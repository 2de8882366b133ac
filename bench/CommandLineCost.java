import dev.sopctl.cli.CliContext;
import dev.sopctl.cli.SopctlCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import picocli.CommandLine;

/**
 * Benchmark (not a test), run by bench/command-line-cost.sh: the wall and CPU milliseconds of
 * building sopctl's command line and parsing ARGS, first in this JVM (as every command pays it)
 * and warm (as each line of the shell pays it). MODE {@code whole} builds every command; {@code lean}
 * only those ARGS name, as {@code Main} does.
 *
 *   java -cp target/sopctl.jar:CLASSES CommandLineCost whole|lean ARGS...
 */
public class CommandLineCost {
    public static void main(String[] a) {
        boolean whole = a[0].equals("whole");
        String[] args = java.util.Arrays.copyOfRange(a, 1, a.length);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        PrintWriter out = new PrintWriter(new StringWriter());
        CliContext context = CliContext.system();
        double[] first = time(bean, () -> build(whole, context, out, args));
        for (int i = 0; i < 30; i++) {
            build(whole, context, out, args);
        }
        double[] warm = time(bean, () -> build(whole, context, out, args));
        System.out.printf("%s %.1f %.1f %.2f%n", a[0], first[0], first[1], warm[1]);
    }

    private static void build(boolean whole, CliContext context, PrintWriter out, String[] args) {
        CommandLine cl = whole ? SopctlCommand.commandLine(context, out, out)
                : SopctlCommand.commandLine(context, out, out, args);
        cl.parseArgs(args);
    }

    /** {wall ms, thread CPU ms} of one run. */
    private static double[] time(ThreadMXBean bean, Runnable r) {
        long w = System.nanoTime();
        long c = bean.getCurrentThreadCpuTime();
        r.run();
        return new double[] {(System.nanoTime() - w) / 1e6, (bean.getCurrentThreadCpuTime() - c) / 1e6};
    }
}
