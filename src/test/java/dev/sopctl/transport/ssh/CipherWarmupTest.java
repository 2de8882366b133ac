package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CipherWarmupTest {
    @Test
    void packetsGoThroughTheJdksAesGcmTheWaySshjsEncoderAndDecoderSendThem() {
        // every 64th packet is full size (32 KiB), the others small; a packet whose tag did not check
        // out (a call pattern sshj does not use) would throw
        long bytes = CipherWarmup.run(128);

        assertThat(bytes).isEqualTo(126L * 64 + 2L * 32 * 1024);
    }

    @Test
    void itKnowsWhetherThisJvmHasC2() {
        // surefire's JVM runs with the JDK's defaults: tiered up to C2
        assertThat(CipherWarmup.c2Compiles()).isTrue();
    }
}
