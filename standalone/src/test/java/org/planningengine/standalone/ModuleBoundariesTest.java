package org.planningengine.standalone;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The modules keep their promises: the sides share nothing but the events and security, and those know neither side.
 */
class ModuleBoundariesTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.planningengine");

    @Test
    void sharedEventsKnowNeitherSideNorTheWeb() {
        noClasses().that().resideInAPackage("org.planningengine.events..")
                   .should().dependOnClassesThat().resideInAnyPackage("org.planningengine.command..",
                                                                      "org.planningengine.query..",
                                                                      "org.planningengine.standalone..",
                                                                      "org.springframework.web..")
                   .check(ENGINE);
    }

    @Test
    void sharedSecurityKnowsNeitherSideNorTheEvents() {
        noClasses().that().resideInAPackage("org.planningengine.security..")
                   .should().dependOnClassesThat().resideInAnyPackage("org.planningengine.command..",
                                                                      "org.planningengine.query..",
                                                                      "org.planningengine.events..",
                                                                      "org.planningengine.standalone..")
                   .check(ENGINE);
    }

    @Test
    void theCommandSideDoesNotUseTheQuerySide() {
        noClasses().that().resideInAPackage("org.planningengine.command..")
                   .should().dependOnClassesThat().resideInAPackage("org.planningengine.query..")
                   .check(ENGINE);
    }

    @Test
    void theQuerySideDoesNotUseTheCommandSide() {
        noClasses().that().resideInAPackage("org.planningengine.query..")
                   .should().dependOnClassesThat().resideInAPackage("org.planningengine.command..")
                   .check(ENGINE);
    }
}
