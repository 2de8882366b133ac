package dev.sopctl.transcript;

/**
 * What {@link TranscriptVerifier} found.
 *
 * @param ok the hash chain and sequence hold for every complete line
 * @param events how many events were checked and found good (up to the first problem)
 * @param complete the last run in the file ends with {@code run-end}; false for a run that was
 *     killed or is still running, which is not an error
 * @param truncatedTail the file ends with a partial line (a write cut by a kill); the lines before
 *     it are still a valid prefix
 * @param problem the first problem, e.g. {@code line 7: prev does not match line 6 — edited or lines
 *     removed}; null when ok
 * @param badLine the 1-based line of the first problem; 0 when ok
 */
public record VerifyResult(boolean ok, int events, boolean complete, boolean truncatedTail, String problem, int badLine) {
    public VerifyResult {
        if (ok != (problem == null)) {
            throw new IllegalArgumentException("ok exactly when there is no problem");
        }
    }
}
