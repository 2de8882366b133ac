import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.yaml.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test): the cost of sopctl's expression language in a fresh JVM, as a command
 * pays it: first use (class loading), parsing the representative expressions, then 1000
 * evaluations of each, cold and after warm-up. bench/CelBench.java on the branch that measured
 * CEL prints the same table for dev.cel:cel with the same expressions and data.
 *
 *   mvn -q -o compile && java -cp target/classes bench/ExprBench.java
 */
public class ExprBench {
    static final String[][] EXPRESSIONS = {
        {"field and size", "host.zone == 'zone-a' and len(vms) > 0"},
        {"process running (old idiom)", "matches(join(pluck(out.processes, 'cmd'), '\\n'), '(?m)^nginx: master process')"},
        {"process running (predicate)", "exists(out.processes, p, p.cmd =~ '^nginx: master process')"},
        {"version default", "startswith(str(default(host.vars.pvdi_version, 1)), '2')"},
        {"offset in range", "offset < limit and offset > -limit"},
        {"filter and count", "len(filter(out.processes, p, p.user == 'orchard')) >= 2"},
    };

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Map<String, Object> vars = data();
        Scope scope = Scope.of(vars);
        Location at = new Location("bench", 1, 1);
        Expression warm = Expression.parse("1 + 1", at);
        warm.evaluate(scope);
        long firstUse = System.nanoTime() - t0;
        List<Expression> parsed = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long t1 = System.nanoTime();
        for (String[] e : EXPRESSIONS) {
            try {
                parsed.add(Expression.parse(e[1], at));
                names.add(e[0]);
            } catch (RuntimeException ex) {
                System.out.println("skipped (" + ex.getMessage() + ")");
            }
        }
        long parse = System.nanoTime() - t1;
        System.out.printf("%-34s %12s%n", "sopctl expressions", "ms");
        System.out.printf("%-34s %12.2f%n", "first use (classes, 1+1)", firstUse / 1e6);
        System.out.printf("%-34s %12.2f%n", "parse " + parsed.size() + " expressions", parse / 1e6);
        for (int i = 0; i < parsed.size(); i++) {
            Expression x = parsed.get(i);
            long c = time(x, scope, 1000);
            time(x, scope, 20_000);
            long w = time(x, scope, 1000);
            System.out.printf("%-34s %12.2f   warm %8.3f   = %s%n", "1000x " + names.get(i), c / 1e6, w / 1e6,
                    x.evaluate(scope));
        }
    }

    static long time(Expression x, Scope scope, int n) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            x.evaluate(scope);
        }
        return System.nanoTime() - t;
    }

    /** A node: its host facts, a 150-line ps -ef parsed into records, an NTP offset. */
    static Map<String, Object> data() {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("name", "node1");
        host.put("zone", "zone-a");
        host.put("vars", Map.of("mastervm", "mastervm01"));
        List<Object> processes = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String cmd = i == 140 ? "nginx: master process /usr/sbin/nginx" : "/usr/bin/worker --id " + i;
            processes.add(Map.of("user", i % 20 == 0 ? "orchard" : "root", "pid", (long) (1000 + i),
                    "ppid", 1L, "cmd", cmd));
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("host", host);
        vars.put("vms", List.of("vm1", "vm2"));
        vars.put("out", Map.of("processes", processes));
        vars.put("offset", 12.5);
        vars.put("limit", 500L);
        return vars;
    }
}
