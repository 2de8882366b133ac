package dev.sopctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void suggestsTheClosestNameWithinTwoEdits() {
        assertThat(Suggestions.didYouMean("bastio", List.of("node1", "bastion"))).isEqualTo(" (did you mean 'bastion'?)");
        assertThat(Suggestions.didYouMean("nod1", List.of("node11", "node1"))).isEqualTo(" (did you mean 'node1'?)");
        assertThat(Suggestions.didYouMean("mastervm", List.of("node1", "bastion"))).isEmpty();
        assertThat(Suggestions.didYouMean("ab", List.of("x"))).isEmpty();
    }

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("drbd", "drdb")).isEqualTo(2);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
