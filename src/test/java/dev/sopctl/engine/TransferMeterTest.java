package dev.sopctl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransferMeterTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final long MIB = 1024 * 1024;

    @Test
    void rateAndTimeLeftComeFromTheRecentWindow() {
        TransferMeter m = new TransferMeter(T0, 1000 * MIB);

        // 10 MiB/s for 20 s, then 100 MiB/s for 5 s
        for (int s = 1; s <= 20; s++) {
            m.sample(T0.plusSeconds(s), s * 10 * MIB);
        }
        TransferStatus st = null;
        for (int s = 1; s <= 5; s++) {
            st = m.sample(T0.plusSeconds(20 + s), 200 * MIB + s * 100 * MIB);
        }

        assertThat(st.bytes()).isEqualTo(700 * MIB);
        assertThat(st.rate()).isEqualTo(100.0 * MIB);
        assertThat(st.eta()).isEqualTo(Duration.ofSeconds(3));
        assertThat(st.elapsed()).isEqualTo(Duration.ofSeconds(25));
        assertThat(st.averageRate()).isEqualTo(28.0 * MIB);
    }

    @Test
    void withoutATotalThereIsNoTimeLeft() {
        TransferMeter m = new TransferMeter(T0, -1);

        TransferStatus st = m.sample(T0.plusSeconds(2), 4 * MIB);

        assertThat(st.rate()).isEqualTo(2.0 * MIB);
        assertThat(st.eta()).isNull();
    }

    @Test
    void aStalledTransferHasNoTimeLeftRatherThanInfinity() {
        TransferMeter m = new TransferMeter(T0, 100);
        m.sample(T0.plusSeconds(1), 50);

        TransferStatus st = m.sample(T0.plusSeconds(10), 50);

        assertThat(st.rate()).isZero();
        assertThat(st.eta()).isNull();
    }

    @Test
    void aCountThatGoesBackIsNotANegativeRate() {
        // a watched file replaced by a new one (the copy restarted)
        TransferMeter m = new TransferMeter(T0, 100);
        for (int s = 1; s <= 7; s++) {
            m.sample(T0.plusSeconds(s), 80);
        }

        TransferStatus st = m.sample(T0.plusSeconds(8), 10);

        assertThat(st.rate()).isZero();
    }
}
