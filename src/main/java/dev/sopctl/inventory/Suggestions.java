package dev.sopctl.inventory;

import java.util.Collection;

/** "Did you mean" for dangling references: the closest known name within edit distance 2. */
final class Suggestions {
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {}

    /** {@code " (did you mean 'x'?)"}, or "" when no known name is close enough. */
    static String didYouMean(String written, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(written, candidate);
            // a distance as large as the word itself would suggest anything for short names
            if (d <= MAX_DISTANCE && d < bestDistance && d < Math.max(written.length(), candidate.length())) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each counting one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
