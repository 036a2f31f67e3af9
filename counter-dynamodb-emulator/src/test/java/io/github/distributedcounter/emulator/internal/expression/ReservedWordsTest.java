package io.github.distributedcounter.emulator.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The list of
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html">Reserved words in
 * DynamoDB</a>, matched in any case.
 */
class ReservedWordsTest {

    @Test
    void holdsTheWholeListOfTheDeveloperGuide() {
        assertThat(ReservedWords.count()).isEqualTo(573);
        assertThat(ReservedWords.contains("ABORT")).isTrue();
        assertThat(ReservedWords.contains("ZONE")).isTrue();
        assertThat(ReservedWords.contains("FLATTERN")).isTrue();
        assertThat(ReservedWords.contains("INNTER")).isTrue();
    }

    @Test
    void matchesInAnyCase() {
        assertThat(ReservedWords.contains("counter")).isTrue();
        assertThat(ReservedWords.contains("Name")).isTrue();
        assertThat(ReservedWords.contains("tTl")).isTrue();
    }

    @Test
    void otherWordsAreFree() {
        assertThat(ReservedWords.contains("pk")).isFalse();
        assertThat(ReservedWords.contains("version")).isFalse();
        assertThat(ReservedWords.contains("attribute_exists")).isFalse();
        assertThat(ReservedWords.contains("counters")).isFalse();
    }
}
