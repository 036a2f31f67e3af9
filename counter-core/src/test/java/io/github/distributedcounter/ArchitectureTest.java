package io.github.distributedcounter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.HashSet;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The boundary of the public API, checked on the compiled core: the API is the root package; the internal
 * package is package-private but for the two types the root package builds the counter from; no Spring.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    static final String ROOT = "io.github.distributedcounter";
    static final String INTERNAL = "io.github.distributedcounter.internal..";

    private static final DescribedPredicate<JavaClass> CORE = DescribedPredicate.describe("core",
            c -> c.getPackageName().equals(ROOT) || c.getPackageName().startsWith(ROOT + ".internal"));

    @ArchTest
    static final ArchRule coreDoesNotDependOnSpring = noClasses().that(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule publicApiSignaturesUseNoInternalType = classes().that().resideInAPackage(ROOT)
            .and().arePublic().should(exposeNoInternalType());

    @ArchTest
    static final ArchRule internalTypesArePackagePrivateButTheCountersBuildingBlocks = classes()
            .that().resideInAPackage(INTERNAL).and().areTopLevelClasses()
            .and().doNotHaveSimpleName("CounterEngine").and().doNotHaveSimpleName("CounterOptions")
            .should().notBePublic();

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no internal type in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Set<JavaClass> exposed = new HashSet<>();
                type.getRawSuperclass().ifPresent(exposed::add);
                exposed.addAll(type.getRawInterfaces());
                for (JavaField field : type.getFields()) {
                    if (visible(field.getModifiers())) {
                        exposed.add(field.getRawType());
                    }
                }
                for (JavaCodeUnit unit : type.getCodeUnits()) {
                    if (visible(unit.getModifiers())) {
                        exposed.addAll(unit.getAllInvolvedRawTypes());
                    }
                }
                for (JavaClass used : exposed) {
                    if (used.getPackageName().startsWith(ROOT + ".internal")) {
                        events.add(SimpleConditionEvent.violated(type, type.getName() + " exposes internal type "
                                + used.getName() + " in its public signature"));
                    }
                }
            }
        };
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }
}
