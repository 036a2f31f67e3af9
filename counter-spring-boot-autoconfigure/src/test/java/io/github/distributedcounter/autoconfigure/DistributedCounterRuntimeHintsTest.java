package io.github.distributedcounter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.boot.test.context.FilteredClassLoader;

class DistributedCounterRuntimeHintsTest {

    @Test
    void isRegisteredInAotFactories() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
                .hasAtLeastOneElementOfType(DistributedCounterRuntimeHints.class);
    }

    @Test
    void registersTheEmulatorClassLookedUpByNameAndTheAnnotationsAttributes() throws Exception {
        RuntimeHints hints = new RuntimeHints();
        new DistributedCounterRuntimeHints().registerHints(hints, getClass().getClassLoader());
        assertThat(RuntimeHintsPredicates.reflection().onType(DynamoDbEmulator.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(EveryNCalls.class)
                .withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(EveryNCalls.class.getMethod("key")))
                .accepts(hints);
    }

    @Test
    void leavesOutTheEmulatorWhereItIsAbsent() {
        RuntimeHints hints = new RuntimeHints();
        new DistributedCounterRuntimeHints().registerHints(hints, new FilteredClassLoader(DynamoDbEmulator.class));
        assertThat(RuntimeHintsPredicates.reflection().onType(DynamoDbEmulator.class)).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(EveryNCalls.class)).accepts(hints);
    }
}
