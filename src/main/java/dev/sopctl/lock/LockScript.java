package dev.sopctl.lock;

import dev.sopctl.runbook.expr.ShellQuote;
import java.util.Objects;

/**
 * The POSIX sh commands that take, take over and release a run lock on a host, and how their
 * answers read. The lock is a directory created with one atomic {@code mkdir} (under {@code /run},
 * so a reboot clears it) holding {@code run} (the run id) and {@code owner} (a {@link LockOwner}
 * as one line of JSON). Each command prints one answer line starting with {@code SOPCTL-LOCK-};
 * a held lock's owner record follows on the next line.
 *
 * <p>Taking over replaces the directory only if it still holds the run that was judged stale or
 * broken (it is renamed aside, then removed), so two runs that both judged it stale cannot both
 * take it.
 */
public final class LockScript {
    /** The first line of every lock command, so logs and test transports can tell them apart. */
    public static final String MARKER = "# sopctl run lock";
    public static final String DEFAULT_DIR = "/run/sopctl/lock";

    private final String dir;

    /** @param dir the lock directory on every host (an absolute path) */
    public LockScript(String dir) {
        Objects.requireNonNull(dir, "dir");
        if (!dir.startsWith("/") || dir.equals("/") || dir.endsWith("/") || dir.contains("\n")) {
            throw new IllegalArgumentException("the lock directory must be an absolute path, found '" + dir + "'");
        }
        this.dir = dir;
    }

    public String dir() {
        return dir;
    }

    /** Takes the lock for {@code owner}; answers TAKEN, OURS, HELD + owner, UNREADABLE or ERROR. */
    public String take(LockOwner owner) {
        return MARKER + ": take\n" + vars(owner.run()) + take(owner.toJson());
    }

    /**
     * Takes the lock over from the run {@code expectedRun} (null: whatever holds it now, for a lock
     * whose owner cannot be read), then takes it for {@code owner}; answers as {@link #take} (HELD
     * when another run took it in between), or CHANGED when the lock now holds another run.
     */
    public String takeOver(String expectedRun, LockOwner owner) {
        String check = expectedRun == null ? ""
                : "if [ \"$(cat \"$d/run\" 2>/dev/null)\" != " + ShellQuote.quote(expectedRun) + " ]; then\n"
                        + "  echo SOPCTL-LOCK-CHANGED; cat \"$d/owner\" 2>/dev/null; exit 0\nfi\n";
        return MARKER + ": take over\n" + vars(owner.run())
                + "if [ -e \"$d\" ]; then\n" + indent(check)
                + "  mv \"$d\" \"$d.broken.$me\" 2>/dev/null && rm -rf \"$d.broken.$me\"\nfi\n"
                + take(owner.toJson());
    }

    /** Removes the lock if this run holds it; answers RELEASED, or NOT-OURS (+ owner) when another run does. */
    public String release(String run) {
        return MARKER + ": release\n" + vars(run)
                + "if [ ! -e \"$d\" ]; then echo SOPCTL-LOCK-RELEASED; exit 0; fi\n"
                + "if [ \"$(cat \"$d/run\" 2>/dev/null)\" = \"$me\" ]; then\n"
                + "  rm -rf \"$d\" && echo SOPCTL-LOCK-RELEASED || echo \"SOPCTL-LOCK-ERROR cannot remove $d\"\n"
                + "else\n  echo SOPCTL-LOCK-NOT-OURS; cat \"$d/owner\" 2>/dev/null\nfi\n";
    }

    private String vars(String run) {
        return "d=" + ShellQuote.quote(dir) + "; me=" + ShellQuote.quote(run) + "\n";
    }

    private String take(String ownerJson) {
        return "mkdir -p \"${d%/*}\" 2>/dev/null\n"
                + "if err=$(mkdir \"$d\" 2>&1); then\n"
                + "  if printf '%s\\n' \"$me\" > \"$d/run\" && printf '%s\\n' " + ShellQuote.quote(ownerJson)
                + " > \"$d/owner.new\" && mv \"$d/owner.new\" \"$d/owner\"; then\n"
                + "    echo SOPCTL-LOCK-TAKEN\n"
                + "  else\n    rm -rf \"$d\"; echo \"SOPCTL-LOCK-ERROR cannot write the owner record into $d\"\n  fi\n"
                + "  exit 0\nfi\n"
                + "if [ ! -d \"$d\" ]; then echo \"SOPCTL-LOCK-ERROR cannot create $d: $err\"; exit 0; fi\n"
                + "if [ \"$(cat \"$d/run\" 2>/dev/null)\" = \"$me\" ]; then echo SOPCTL-LOCK-OURS; exit 0; fi\n"
                + "if [ ! -e \"$d/owner\" ]; then\n"
                + "  echo \"SOPCTL-LOCK-UNREADABLE $d exists but holds no owner record (being taken this moment,"
                + " or its taker stopped before writing it)\"; exit 0\nfi\n"
                + "if ! owner=$(cat \"$d/owner\" 2>&1); then echo \"SOPCTL-LOCK-UNREADABLE cannot read $d/owner: $owner\"; exit 0; fi\n"
                + "echo SOPCTL-LOCK-HELD; printf '%s\\n' \"$owner\"\n";
    }

    private static String indent(String s) {
        return s.isEmpty() ? s : "  " + s.replace("\n", "\n  ").replaceAll(" +$", "");
    }

    /** What a lock command answered. */
    public record Answer(Kind kind, String detail, LockOwner owner) {
        public enum Kind { TAKEN, OURS, HELD, UNREADABLE, CHANGED, RELEASED, NOT_OURS, ERROR }
    }

    /**
     * Reads a lock command's output.
     *
     * @param exit the command's exit status (the scripts exit 0 unless the shell itself failed)
     */
    public static Answer read(String stdout, String stderr, int exit) {
        String[] lines = stdout.strip().split("\n", 2);
        String first = lines[0].strip();
        if (!first.startsWith("SOPCTL-LOCK-")) {
            String why = stderr.isBlank() ? (stdout.isBlank() ? "no answer" : "answered '" + first + "'")
                    : stderr.strip().lines().reduce((a, b) -> b).orElse("");
            return new Answer(Answer.Kind.ERROR, "the lock command failed (exit " + exit + "): " + why, null);
        }
        String word = first.substring("SOPCTL-LOCK-".length());
        int space = word.indexOf(' ');
        String kindName = (space < 0 ? word : word.substring(0, space)).replace('-', '_');
        String detail = space < 0 ? null : word.substring(space + 1);
        Answer.Kind kind;
        try {
            kind = Answer.Kind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            return new Answer(Answer.Kind.ERROR, "the lock command answered '" + first + "'", null);
        }
        LockOwner owner = null;
        if ((kind == Answer.Kind.HELD || kind == Answer.Kind.CHANGED || kind == Answer.Kind.NOT_OURS)
                && lines.length > 1 && !lines[1].isBlank()) {
            try {
                owner = LockOwner.parse(lines[1].strip());
            } catch (IllegalArgumentException e) {
                if (kind == Answer.Kind.HELD) {
                    return new Answer(Answer.Kind.UNREADABLE, "its owner record cannot be read (" + e.getMessage()
                            + "): " + abbreviate(lines[1].strip()), null);
                }
            }
        }
        if (kind == Answer.Kind.HELD && owner == null) {
            return new Answer(Answer.Kind.UNREADABLE, "its owner record is empty", null);
        }
        return new Answer(kind, detail, owner);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
