package dev.sopctl.runbook.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TruthTest {
    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of(false, false),
                Arguments.of(true, true),
                Arguments.of(0L, false),
                Arguments.of(0, false),
                Arguments.of(0.0, false),
                Arguments.of(-0.0, false),
                Arguments.of(1L, true),
                Arguments.of(-1, true),
                Arguments.of(0.1, true),
                Arguments.of("", false),
                Arguments.of("false", true),
                Arguments.of("0", true),
                Arguments.of(List.of(), false),
                Arguments.of(List.of(0), true),
                Arguments.of(Map.of(), false),
                Arguments.of(Map.of("a", 1), true),
                Arguments.of(Duration.ZERO, false),
                Arguments.of(Duration.ofSeconds(1), true));
    }

    @ParameterizedTest
    @MethodSource("values")
    void truthiness(Object value, boolean expected) {
        assertThat(Truth.of(value)).isEqualTo(expected);
    }
}
