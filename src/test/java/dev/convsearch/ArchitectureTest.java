package dev.convsearch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.smallrye.config.ConfigMapping;

/**
 * The layering of the packages (README, Development): rest → service → repository, all of them on domain and api;
 * api and domain depend on none of the layers; no cycles.
 */
@AnalyzeClasses(packages = "dev.convsearch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiDependsOnNothingOfOurs = noClasses().that().resideInAPackage("dev.convsearch.api..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convsearch.domain..", "dev.convsearch.rest..",
                    "dev.convsearch.service..", "dev.convsearch.repository..", "dev.convsearch.security..",
                    "dev.convsearch.error..", "dev.convsearch.config..", "dev.convsearch.embedded..",
                    "dev.convsearch.operations..");

    @ArchTest
    static final ArchRule domainDependsOnlyOnApi = noClasses().that().resideInAPackage("dev.convsearch.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convsearch.rest..", "dev.convsearch.service..",
                    "dev.convsearch.repository..", "dev.convsearch.security..", "dev.convsearch.error..",
                    "dev.convsearch.config..", "dev.convsearch.embedded..", "dev.convsearch.operations..");

    @ArchTest
    static final ArchRule repositoryKnowsNoServiceNorRest = noClasses().that()
            .resideInAPackage("dev.convsearch.repository..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.convsearch.rest..", "dev.convsearch.service..",
                    "dev.convsearch.security..");

    @ArchTest
    static final ArchRule serviceKnowsNoRest = noClasses().that().resideInAPackage("dev.convsearch.service..")
            .should().dependOnClassesThat().resideInAPackage("dev.convsearch.rest..");

    @ArchTest
    static final ArchRule onlyRestSpeaksJaxRs = noClasses().that().resideInAnyPackage("dev.convsearch.service..",
            "dev.convsearch.repository..", "dev.convsearch.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "com.fasterxml.jackson.databind..");

    @ArchTest
    static final ArchRule configHoldsOnlyConfiguration = classes().that().resideInAPackage("dev.convsearch.config..")
            .and().areTopLevelClasses().should().beAnnotatedWith(ConfigMapping.class);

    @ArchTest
    static final ArchRule noCycles = slices().matching("dev.convsearch.(*)..").should().beFreeOfCycles();
}
