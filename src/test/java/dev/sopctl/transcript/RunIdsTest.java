package dev.sopctl.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RunIdsTest {
    @Test
    void isUtcTimeAndSixHexDigits() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T14:25:01.999Z"), ZoneId.of("Asia/Seoul"));

        String id = RunIds.newRunId(clock);

        assertThat(id).matches("20261123-142501-[0-9a-f]{6}");
    }

    @Test
    void sortsByTime() {
        String earlier = RunIds.newRunId(Clock.fixed(Instant.parse("2026-01-02T09:59:59Z"), ZoneId.of("UTC")));
        String later = RunIds.newRunId(Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneId.of("UTC")));

        assertThat(earlier).isLessThan(later);
    }
}
