package dev.sopctl.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.lock.LockScript.Answer.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock commands run by a real sh against a real directory. */
class LockScriptTest {
    @TempDir
    Path tmp;

    private LockOwner owner(String run) {
        return new LockOwner(run, "ops@ctl1", "ctl1", "m1", "b1", 4242L, 1_000L, Instant.parse("2026-12-01T01:30:00Z"),
                "pvdi/node-shutdown", "it's patch day; \"quotes\" $(and) `more`");
    }

    private LockScript script() {
        return new LockScript(tmp.resolve("run/sopctl/lock").toString());
    }

    @Test
    void theFirstRunTakesTheLockWithItsOwnerRecordAndTheSecondSeesWhoHoldsIt() throws Exception {
        LockScript s = script();
        assertThat(LocalShell.run(s.take(owner("run-a"))).answer().kind()).isEqualTo(Kind.TAKEN);
        assertThat(Files.readString(tmp.resolve("run/sopctl/lock/run")).strip()).isEqualTo("run-a");

        LockScript.Answer second = LocalShell.run(s.take(owner("run-b"))).answer();
        assertThat(second.kind()).isEqualTo(Kind.HELD);
        assertThat(second.owner()).isEqualTo(owner("run-a"));
        assertThat(second.owner().describe()).isEqualTo("ops@ctl1 (run run-a, runbook pvdi/node-shutdown, pid 4242, "
                + "reason: it's patch day; \"quotes\" $(and) `more`) since 2026-12-01 01:30:00 UTC");
    }

    @Test
    void theSameRunAskingAgainHoldsItAlready() {
        LockScript s = script();
        LocalShell.run(s.take(owner("run-a")));
        assertThat(LocalShell.run(s.take(owner("run-a"))).answer().kind()).isEqualTo(Kind.OURS);
    }

    @Test
    void onlyTheOwnerReleasesIt() {
        LockScript s = script();
        LocalShell.run(s.take(owner("run-a")));
        LockScript.Answer notOurs = LocalShell.run(s.release("run-b")).answer();
        assertThat(notOurs.kind()).isEqualTo(Kind.NOT_OURS);
        assertThat(notOurs.owner().run()).isEqualTo("run-a");
        assertThat(tmp.resolve("run/sopctl/lock")).isDirectory();

        assertThat(LocalShell.run(s.release("run-a")).answer().kind()).isEqualTo(Kind.RELEASED);
        assertThat(tmp.resolve("run/sopctl/lock")).doesNotExist();
        assertThat(LocalShell.run(s.release("run-a")).answer().kind()).isEqualTo(Kind.RELEASED);
    }

    @Test
    void aTakeOverReplacesOnlyTheRunJudgedStale() throws Exception {
        LockScript s = script();
        LocalShell.run(s.take(owner("run-a")));
        LockScript.Answer changed = LocalShell.run(s.takeOver("run-old", owner("run-b"))).answer();
        assertThat(changed.kind()).isEqualTo(Kind.CHANGED);
        assertThat(changed.owner().run()).isEqualTo("run-a");

        assertThat(LocalShell.run(s.takeOver("run-a", owner("run-b"))).answer().kind()).isEqualTo(Kind.TAKEN);
        assertThat(LocalShell.run(s.take(owner("run-c"))).answer().owner().run()).isEqualTo("run-b");
        try (var left = java.nio.file.Files.list(tmp.resolve("run/sopctl"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("lock");
        }
    }

    @Test
    void aLockDirectoryWithoutAnOwnerRecordIsHeldAndSaysSo() throws Exception {
        Files.createDirectories(tmp.resolve("run/sopctl/lock"));
        LockScript.Answer a = LocalShell.run(script().take(owner("run-b"))).answer();
        assertThat(a.kind()).isEqualTo(Kind.UNREADABLE);
        assertThat(a.detail()).contains("exists but holds no owner record");

        assertThat(LocalShell.run(script().takeOver(null, owner("run-b"))).answer().kind()).isEqualTo(Kind.TAKEN);
    }

    @Test
    void anOwnerRecordThatIsNotOneIsHeldAndQuoted() throws Exception {
        Files.createDirectories(tmp.resolve("run/sopctl/lock"));
        Files.writeString(tmp.resolve("run/sopctl/lock/owner"), "locked by bob for the upgrade\n");
        LockScript.Answer a = LocalShell.run(script().take(owner("run-b"))).answer();
        assertThat(a.kind()).isEqualTo(Kind.UNREADABLE);
        assertThat(a.detail()).contains("cannot be read").contains("locked by bob for the upgrade");
    }

    @Test
    void aLockThatCannotBeCreatedIsAnErrorNamingTheDirectory() throws Exception {
        Files.writeString(tmp.resolve("run"), "a file where the folder should be");
        LockScript.Answer a = LocalShell.run(script().take(owner("run-a"))).answer();
        assertThat(a.kind()).isEqualTo(Kind.ERROR);
        assertThat(a.detail()).startsWith("cannot create " + tmp.resolve("run/sopctl/lock"));
    }

    @Test
    void ofTwentyRunsAtOnceExactlyOneTakesIt() throws Exception {
        LockScript s = script();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<LockScript.Answer>> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String run = "run-" + i;
                all.add(pool.submit(() -> LocalShell.run(s.take(owner(run))).answer()));
            }
            int taken = 0;
            for (Future<LockScript.Answer> f : all) {
                Kind k = f.get().kind();
                assertThat(k).isIn(Kind.TAKEN, Kind.HELD, Kind.UNREADABLE);
                taken += k == Kind.TAKEN ? 1 : 0;
            }
            assertThat(taken).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answersThatAreNotTheScriptsAreErrors() {
        assertThat(LockScript.read("", "sh: 1: mkdir: Permission denied\n", 2).detail())
                .isEqualTo("the lock command failed (exit 2): sh: 1: mkdir: Permission denied");
        assertThat(LockScript.read("SOPCTL-LOCK-WHAT\n", "", 0).kind()).isEqualTo(Kind.ERROR);
    }

    @Test
    void theLockDirectoryMustBeAnAbsolutePath() {
        assertThatThrownBy(() -> new LockScript("run/sopctl")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> new LockScript("/")).hasMessageContaining("absolute path");
    }
}
