package io.firelake.speed;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The aggregation core and the report it prints are pure: Lambda and the AWS SDK stay in the thin shells. */
@AnalyzeClasses(packages = "io.firelake.speed", importOptions = ImportOption.DoNotIncludeTests.class)
class PureCoreArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoAwsTypes = noClasses().that()
            .resideInAnyPackage("io.firelake.speed.core..", "io.firelake.speed.report..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.amazon..");

    @ArchTest
    static final ArchRule coreDoesNotReachIntoShells = noClasses().that()
            .resideInAnyPackage("io.firelake.speed.core..", "io.firelake.speed.report..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.firelake.speed.dynamodb..", "io.firelake.speed.reader..")
            .orShould().dependOnClassesThat().resideInAnyPackage("io.firelake.speed");
}
