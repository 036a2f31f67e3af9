package io.github.distributedcounter.autoconfigure;

import io.github.distributedcounter.EveryNCalls;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What the starter reaches by reflection, for a GraalVM native image: the embedded emulator's class, which the
 * auto-configuration looks up by name, and the attributes of {@link EveryNCalls}, which Spring reads
 * reflectively. The {@code EveryNCalls} methods themselves are registered bean by bean, see
 * {@code EveryNCallsBeanRegistrationAotProcessor}.
 */
class DistributedCounterRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        hints.reflection().registerTypeIfPresent(classLoader,
                DynamoDbClientConfiguration.EMULATOR_CLASS);
        hints.reflection().registerType(EveryNCalls.class, MemberCategory.INVOKE_PUBLIC_METHODS);
    }
}
