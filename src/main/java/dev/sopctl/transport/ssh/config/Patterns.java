package dev.sopctl.transport.ssh.config;

/** OpenSSH's wildcard patterns ({@code *}, {@code ?}) and pattern lists ({@code a,!b,c*}). */
final class Patterns {
    private Patterns() {}

    /** One pattern against a whole string; {@code *} is any run, {@code ?} one character. */
    static boolean matches(String s, String pattern) {
        int si = 0;
        int pi = 0;
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < pattern.length() && (pattern.charAt(pi) == '?' || pattern.charAt(pi) == s.charAt(si))) {
                si++;
                pi++;
            } else if (pi < pattern.length() && pattern.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < pattern.length() && pattern.charAt(pi) == '*') {
            pi++;
        }
        return pi == pattern.length();
    }

    /**
     * A comma-separated list as OpenSSH's {@code match_pattern_list}: false when any negated
     * entry ({@code !p}) matches, else true when any plain entry matches.
     */
    static boolean matchesList(String s, String list) {
        boolean got = false;
        for (String p : list.split(",")) {
            if (p.startsWith("!")) {
                if (matches(s, p.substring(1))) {
                    return false;
                }
            } else if (matches(s, p)) {
                got = true;
            }
        }
        return got;
    }
}
