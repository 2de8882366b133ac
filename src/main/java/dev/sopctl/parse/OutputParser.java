package dev.sopctl.parse;

/**
 * Turns one command's output into plain values (Map, List, String, Long, Double, Boolean) that
 * runbook expressions can read, e.g. {@code out.domains[0].name}. Stateless and thread-safe.
 */
@FunctionalInterface
public interface OutputParser {
    /**
     * @param stdout the command's standard output, as received
     * @return a map of plain values, never null
     * @throws ParseException the output is not in the expected format (exit 3)
     */
    java.util.Map<String, Object> parse(String stdout) throws ParseException;
}
