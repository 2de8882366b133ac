package dev.sopctl.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stale rule: gone only on proof, from this machine's boot id and its real processes. */
class ControlHostTest {
    private final ControlHost here = ControlHost.local();

    private LockOwner ownedBy(String host, String machine, String boot, long pid, Long startMs) {
        return new LockOwner("run-x", "ops@" + host, host, machine, boot, pid, startMs, Instant.now(), "r", null);
    }

    @Test
    void aLiveProcessOfThisMachineHoldsItsLock() {
        LockOwner mine = here.owner("run-x", "ops@h", Instant.now(), "r", null);
        assertThat(mine.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(here.goneBecause(mine)).isEmpty();
    }

    @Test
    void aProcessThatEndedIsGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long pid = p.pid();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Optional<String> why = here.goneBecause(ownedBy(here.name(), here.machineId(), here.bootId(), pid, null));
        assertThat(why).hasValueSatisfying(w -> assertThat(w).contains("process " + pid).contains("no longer runs"));
    }

    @Test
    void aPidNowUsedByAnotherProcessIsGone() {
        long self = ProcessHandle.current().pid();
        Optional<String> why = here.goneBecause(ownedBy(here.name(), here.machineId(), here.bootId(), self, 12_345L));
        assertThat(why).hasValueSatisfying(w -> assertThat(w).contains("is now another process"));
    }

    @Test
    void aRebootOfThisMachineMakesItGone() {
        Optional<String> why = here.goneBecause(ownedBy(here.name(), here.machineId(), "another-boot", 1, null));
        assertThat(why).hasValueSatisfying(w -> assertThat(w).contains("rebooted"));
    }

    @Test
    void aLockFromAnotherMachineIsNeverJudgedGone() {
        assertThat(here.goneBecause(ownedBy("elsewhere", null, "another-boot", 999_999, null))).isEmpty();
        assertThat(here.goneBecause(ownedBy(here.name(), "another-machine-id", "another-boot", 999_999, null))).isEmpty();
    }

    @Test
    void anOwnerRecordWithoutPidOrBootIdIsNotJudgedGone() {
        assertThat(here.goneBecause(new LockOwner("r", null, here.name(), null, null, null, null, null, null, null)))
                .isEmpty();
    }
}
