package dev.sopctl.runbook.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void ofMapSeesNamesIncludingNullValues() {
        Map<String, Object> values = new HashMap<>();
        values.put("x", null);
        Scope s = Scope.of(values);

        assertThat(s.has("x")).isTrue();
        assertThat(s.get("x")).isNull();
        assertThat(s.has("y")).isFalse();
        assertThat(s.names()).containsExactly("x");
    }

    @Test
    void chainPrefersTheFirst() {
        Scope s = Scope.chain(Scope.of(Map.of("a", 1)), Scope.of(Map.of("a", 2, "b", 3)));

        assertThat(s.get("a")).isEqualTo(1);
        assertThat(s.get("b")).isEqualTo(3);
        assertThat(s.has("c")).isFalse();
        assertThat(s.names()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void emptyHasNothing() {
        assertThat(Scope.empty().has("a")).isFalse();
        assertThat(Scope.empty().names()).isEmpty();
    }
}
