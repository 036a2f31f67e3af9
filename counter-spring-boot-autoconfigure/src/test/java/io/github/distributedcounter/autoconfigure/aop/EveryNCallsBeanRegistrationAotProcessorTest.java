package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.distributedcounter.EveryNCalls;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

/** Processes a context ahead of time, as the build does for a native image, and checks the hints it recorded. */
class EveryNCallsBeanRegistrationAotProcessorTest {

    @Test
    void registersEveryNCallsMethodsOfBeansForInvocation() throws Exception {
        RuntimeHints hints = processAheadOfTime(Reports.class, Plain.class);
        assertThat(RuntimeHintsPredicates.reflection()
                .onMethodInvocation(Reports.class.getMethod("build", String.class))).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection()
                .onMethodInvocation(Reports.class.getDeclaredMethod("everyOther"))).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection()
                .onMethodInvocation(Reports.class.getMethod("notCounted"))).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Plain.class.getMethod("run")))
                .rejects(hints);
    }

    private static RuntimeHints processAheadOfTime(Class<?>... beans) {
        GenericApplicationContext context = new GenericApplicationContext();
        for (Class<?> bean : beans) {
            context.registerBean(bean);
        }
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get("com.example", "AotTest")), new InMemoryGeneratedFiles());
        new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        return generation.getRuntimeHints();
    }

    public static class Reports {

        @EveryNCalls(n = 5, key = "'report:' + #tenant")
        public String build(String tenant) {
            return tenant;
        }

        @EveryNCalls(n = 2)
        void everyOther() {
        }

        public void notCounted() {
        }
    }

    public static class Plain {

        public void run() {
        }
    }
}
