package dev.sopctl.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The ranges of the monitoring-plugin guidelines, with their own examples. */
class NagiosRangeTest {
    @Test
    void theGuidelinesExamples() {
        // 10: alert below 0 or above 10
        assertThat(NagiosRange.parse("10").alerts(-1)).isTrue();
        assertThat(NagiosRange.parse("10").alerts(0)).isFalse();
        assertThat(NagiosRange.parse("10").alerts(10)).isFalse();
        assertThat(NagiosRange.parse("10").alerts(10.5)).isTrue();
        // 10: alert below 10
        assertThat(NagiosRange.parse("10:").alerts(9.9)).isTrue();
        assertThat(NagiosRange.parse("10:").alerts(1e9)).isFalse();
        // ~:10 alert above 10
        assertThat(NagiosRange.parse("~:10").alerts(-1e9)).isFalse();
        assertThat(NagiosRange.parse("~:10").alerts(11)).isTrue();
        // 10:20 alert outside
        assertThat(NagiosRange.parse("10:20").alerts(9)).isTrue();
        assertThat(NagiosRange.parse("10:20").alerts(15)).isFalse();
        assertThat(NagiosRange.parse("10:20").alerts(21)).isTrue();
        // @10:20 alert inside, ends included
        assertThat(NagiosRange.parse("@10:20").alerts(10)).isTrue();
        assertThat(NagiosRange.parse("@10:20").alerts(20)).isTrue();
        assertThat(NagiosRange.parse("@10:20").alerts(21)).isFalse();
        assertThat(NagiosRange.parse("-100:100").alerts(-150)).isTrue();
        assertThat(NagiosRange.parse("0.5:1.5").alerts(1)).isFalse();
    }

    @Test
    void whatIsNotARangeSaysWhy() {
        assertThatThrownBy(() -> NagiosRange.parse("")).hasMessageContaining("cannot be empty");
        assertThatThrownBy(() -> NagiosRange.parse("abc")).hasMessageContaining("'abc' is not a range");
        assertThatThrownBy(() -> NagiosRange.parse("20:10")).hasMessageContaining("start 20 is above its end 10");
        assertThatThrownBy(() -> NagiosRange.parse("@")).hasMessageContaining("is not a range");
        assertThatThrownBy(() -> NagiosRange.parse("1:2:3")).hasMessageContaining("is not a range");
        assertThatThrownBy(() -> NagiosRange.parse("10s")).hasMessageContaining("is not a range");
    }
}
