package org.planningengine.standalone;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The modules and packages keep their promises: the sides share nothing but the events, the event log and security;
 * the events know nothing but the JDK and the annotations of their stored shape; inside each side no two packages
 * need each other, and on the query side a feature's projection and documents need nothing but the views.
 */
class ModuleBoundariesTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.planningengine");

    /** The query side's packages that each build and keep one family of views. */
    private static final List<String> QUERY_FEATURES = List.of("cycle", "roadmap", "capacity", "okr", "decision",
                                                               "lesson", "history", "team", "feed");
    /** The query side's packages above the features: reads that join them, formats, the web, administration. */
    private static final List<String> QUERY_ABOVE_FEATURES = List.of("plan", "export", "web", "admin", "replicas",
                                                                     "webhooks");

    static List<String> queryFeatures() {
        return QUERY_FEATURES;
    }

    /** Each package of one side a slice of its own, the side's root package too. */
    private static SliceAssignment packagesOf(String side) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals(side) || name.startsWith(side + ".") ? SliceIdentifier.of(name)
                                                                         : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + side;
            }
        };
    }

    @Nested
    @DisplayName("the modules")
    class Modules {

        @Test
        void sharedEventsDependOnNothingButTheJdkAndTheirSerialisationAnnotations() {
            DescribedPredicate<JavaClass> allowed = resideInAnyPackage("java..", "org.planningengine.events..",
                                                                       "com.fasterxml.jackson.annotation..")
                    .or(equivalentTo(Revision.class));
            classes().that().resideInAPackage("org.planningengine.events..")
                     .should().onlyDependOnClassesThat(allowed)
                     .check(ENGINE);
        }

        @Test
        void theStorageEngineLivesInTheEventLogModule() {
            classes().that().implement(EventStorageEngine.class)
                     .should().resideInAPackage("org.planningengine.eventlog..")
                     .check(ENGINE);
        }

        @Test
        void theEventLogKnowsNeitherSideNorTheWeb() {
            noClasses().that().resideInAPackage("org.planningengine.eventlog..")
                       .should().dependOnClassesThat().resideInAnyPackage("org.planningengine.command..",
                                                                          "org.planningengine.query..",
                                                                          "org.planningengine.security..",
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
                                                                          "org.planningengine.eventlog..",
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

    @Nested
    @DisplayName("the command side's packages")
    class CommandSide {

        @Test
        void needNoPackageThatNeedsThem() {
            slices().assignedFrom(packagesOf("org.planningengine.command")).should().beFreeOfCycles().check(ENGINE);
        }

        @Test
        void keepTheAggregatesAndTheirCommandsFreeOfTheWeb() {
            noClasses().that().resideInAPackage("org.planningengine.command..")
                       .and().resideOutsideOfPackage("..web..")
                       .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                                                                          "org.springframework.http..",
                                                                          "jakarta.servlet..")
                       .check(ENGINE);
        }

        @Test
        void holdTheirControllersInAWebPackage() {
            classes().that().resideInAPackage("org.planningengine.command..").and()
                     .areAnnotatedWith(RestController.class)
                     .should().resideInAPackage("..web..")
                     .check(ENGINE);
        }
    }

    @Nested
    @DisplayName("the query side's packages")
    class QuerySide {

        @Test
        void needNoPackageThatNeedsThem() {
            slices().assignedFrom(packagesOf("org.planningengine.query")).should().beFreeOfCycles().check(ENGINE);
        }

        @ParameterizedTest(name = "{0} needs nothing of the query side but the views")
        @MethodSource("org.planningengine.standalone.ModuleBoundariesTest#queryFeatures")
        void aFeatureNeedsNothingButTheViews(String feature) {
            String[] others = Stream.concat(QUERY_FEATURES.stream().filter(other -> !other.equals(feature)),
                                            QUERY_ABOVE_FEATURES.stream())
                                    .map(other -> "org.planningengine.query." + other + "..")
                                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("org.planningengine.query." + feature + "..")
                       .should().dependOnClassesThat().resideInAnyPackage(others)
                       .check(ENGINE);
        }

        @Test
        void theViewsNeedNoOtherPackageOfTheQuerySide() {
            DescribedPredicate<JavaClass> aboveTheViews = resideInAPackage("org.planningengine.query..")
                    .and(not(resideInAPackage("org.planningengine.query.views..")));
            noClasses().that().resideInAPackage("org.planningengine.query.views..")
                       .should().dependOnClassesThat(aboveTheViews)
                       .check(ENGINE);
        }
    }
}
