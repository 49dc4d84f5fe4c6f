package io.firelake.endpoint.glue.expression;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The partition expression filter reads names, types and values: no SDK type; {@code GlueCatalog} maps to it. */
@AnalyzeClasses(packages = "io.firelake.endpoint.glue.expression",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class PureCoreArchitectureTest {

    @ArchTest
    static final ArchRule expressionsHaveNoAwsTypes = noClasses()
            .that().resideInAPackage("io.firelake.endpoint.glue.expression")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..");
}
