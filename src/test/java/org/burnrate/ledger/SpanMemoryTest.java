package org.burnrate.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What a node remembers of the spans it wrote, and when that stops counting. */
class SpanMemoryTest {

    private static final long ORG = 1;
    private static final Instant TEN = Instant.parse("2026-11-24T10:00:00Z");

    private final SpanMemory memory = new SpanMemory(3);

    @Test
    void whatATransactionLeftIsRecalledAtTheEpochItLeftAndNoOther() {
        // Resource 11 got a span, resource 12 none yet: both are known.
        memory.remember(ORG, 4, List.of(11L, 12L), Map.of(11L, TEN), Set.of());

        List<Long> unknown = new ArrayList<>();
        assertThat(memory.recall(ORG, 5, List.of(11L, 12L, 13L), unknown)).isEqualTo(Map.of(11L, TEN));
        assertThat(unknown).as("never remembered").containsExactly(13L);

        unknown.clear();
        assertThat(memory.recall(ORG, 6, List.of(11L, 12L), unknown))
                .as("epoch 6 is someone else's: nothing remembered counts").isEmpty();
        assertThat(unknown).containsExactly(11L, 12L);

        unknown.clear();
        assertThat(memory.recall(2, 5, List.of(11L), unknown)).as("another organization").isEmpty();
        assertThat(unknown).containsExactly(11L);
    }

    @Test
    void theNodesOwnNextTransactionKeepsTheMemoryGoingAndOneAfterSomeoneElseStartsItAgain() {
        memory.remember(ORG, 4, List.of(11L), Map.of(11L, TEN), Set.of());
        memory.remember(ORG, 5, List.of(12L), Map.of(12L, TEN), Set.of());
        List<Long> unknown = new ArrayList<>();
        assertThat(memory.recall(ORG, 6, List.of(11L, 12L), unknown)).containsOnlyKeys(11L, 12L);
        assertThat(unknown).isEmpty();

        // Epoch 7 was another node's; this node locked at 7 and left 8.
        memory.remember(ORG, 7, List.of(13L), Map.of(13L, TEN), Set.of());
        assertThat(memory.recall(ORG, 8, List.of(11L, 12L, 13L), unknown)).containsOnlyKeys(13L);
        assertThat(unknown).as("remembered before the other node wrote").containsExactly(11L, 12L);
    }

    @Test
    void aTransactionThatFinishesAfterALaterOneOfTheSameNodeLeavesNothingStale() {
        // Two runs of one node: the one that locked at 5 is told after the one that locked at 4.
        memory.remember(ORG, 5, List.of(12L), Map.of(12L, TEN), Set.of());
        memory.remember(ORG, 4, List.of(11L), Map.of(11L, TEN), Set.of());
        List<Long> unknown = new ArrayList<>();
        assertThat(memory.recall(ORG, 6, List.of(11L, 12L), unknown)).isEmpty();
        assertThat(unknown).containsExactly(11L, 12L);
    }

    @Test
    void spansWrittenWithoutKeepingCountAreForgotten() {
        memory.remember(ORG, 4, List.of(11L, 12L), Map.of(11L, TEN, 12L, TEN), Set.of());
        memory.remember(ORG, 5, List.of(12L), Map.of(12L, TEN.plusSeconds(60)), Set.of(11L, 12L));
        List<Long> unknown = new ArrayList<>();
        assertThat(memory.recall(ORG, 6, List.of(11L, 12L), unknown)).isEmpty();
        assertThat(unknown).containsExactly(11L, 12L);
    }

    @Test
    void aFullMemoryStartsAgainFromTheTransactionAtHand() {
        memory.remember(ORG, 4, List.of(11L, 12L), Map.of(), Set.of());
        memory.remember(ORG, 5, List.of(13L, 14L), Map.of(), Set.of());
        List<Long> unknown = new ArrayList<>();
        memory.recall(ORG, 6, List.of(11L, 12L, 13L, 14L), unknown);
        assertThat(unknown).as("at most 3 resources are kept").containsExactly(11L, 12L);
    }

    @Test
    void aMemoryHoldsAtLeastOneResource() {
        assertThatThrownBy(() -> new SpanMemory(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
