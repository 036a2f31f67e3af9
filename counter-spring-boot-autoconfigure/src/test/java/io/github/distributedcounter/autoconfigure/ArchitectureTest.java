package io.github.distributedcounter.autoconfigure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The Spring layer uses the core's public API only. */
@AnalyzeClasses(packages = "io.github.distributedcounter.autoconfigure",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule springLayerUsesOnlyTheCoresPublicApi = noClasses()
            .that().resideInAPackage("io.github.distributedcounter.autoconfigure..")
            .should().dependOnClassesThat().resideInAPackage("io.github.distributedcounter.internal..");
}
