package dev.sopctl.engine;

import dev.sopctl.runbook.Assertion;
import dev.sopctl.runbook.Repair;
import dev.sopctl.runbook.Report;
import dev.sopctl.runbook.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a plan shows a step's verdict rules: its guards and report lines with their conditions, and
 * its repairs with the fix switch they need. Sources as written: their values are known only after
 * the command.
 */
final class CheckPlanLines {
    private CheckPlanLines() {}

    /**
     * The plan's lines for the step's asserts, reports and repairs (without indentation); a repair's
     * command is shown as it runs, wrapped for its user ({@code become}: the inventory's method).
     */
    static List<String> lines(Step s, String fixSwitch, String become) {
        List<String> out = new ArrayList<>();
        for (Assertion a : s.asserts()) {
            String kind = switch (a.severity()) {
                case WARNING -> "warn";
                case INVALID -> "refuse as invalid input (exit 65)";
                case CRITICAL -> "guard";
            };
            out.add(kind + " unless " + a.that().source()
                    + when(a.when() == null ? null : a.when().source()) + ": " + a.message().source().strip());
        }
        for (Report r : s.reports()) {
            out.add("report " + r.level() + when(r.when() == null ? null : r.when().source()) + ": "
                    + r.message().source().strip());
        }
        for (Repair r : s.repairs()) {
            String as = r.as() != null ? r.as() : s.as();
            out.add("repair" + when(r.when() == null ? null : r.when().source()) + ": $ "
                    + Become.wrap(r.run().source().strip(), as, become) + "   (with " + switchName(fixSwitch) + ")");
            if (r.destructive() != null) {
                out.add("  confirm " + (r.destructive().typed() == null ? "(y/N)" : "by typing '"
                        + r.destructive().typed().source() + "'") + ": " + r.destructive().confirm().source().strip());
            }
            if (r.undo() != null) {
                out.add("  undo if the run stops later: $ " + r.undo().run().source().strip());
            }
        }
        if (!s.repairs().isEmpty()) {
            out.add("after a repair the check runs again on that host; its verdict is the step's");
        }
        return out;
    }

    /** {@code --fix} for the usual switch, else {@code NAME=true}. */
    static String switchName(String fixSwitch) {
        return "fix".equals(fixSwitch) ? "--fix" : fixSwitch + "=true";
    }

    private static String when(String source) {
        return source == null ? "" : " (when " + source + ")";
    }

    /** The same for {@code -o json}. */
    static void json(Step s, Map<String, Object> m) {
        if (!s.reports().isEmpty()) {
            List<Object> reports = new ArrayList<>();
            for (Report r : s.reports()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("level", r.level().name().toLowerCase(Locale.ROOT));
                rm.put("when", r.when() == null ? null : r.when().source());
                rm.put("message", r.message().source());
                reports.add(rm);
            }
            m.put("reports", reports);
        }
        if (!s.repairs().isEmpty()) {
            List<Object> repairs = new ArrayList<>();
            for (Repair r : s.repairs()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("when", r.when() == null ? null : r.when().source());
                rm.put("run", r.run().source());
                rm.put("as", r.as());
                rm.put("confirm", r.destructive() == null ? null : r.destructive().confirm().source());
                repairs.add(rm);
            }
            m.put("repairs", repairs);
        }
        if (s.anyOne()) {
            m.put("any_one", true);
        }
    }
}
