package fr.ecole.lending.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph docs/architecture.md draws, kept by rules rather than by review: feature
 * packages depend on each other without a cycle, the infrastructure ({@code db}, {@code http}) and
 * the leaves ({@code geography}, {@code calendar}) know no feature, only the composition root
 * ({@code app}) knows them all, and the labels library stays a plain library.
 */
@AnalyzeClasses(packages = "fr.ecole.lending", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String PROJECT = "fr.ecole.lending..";

    @ArchTest
    static final ArchRule featuresHaveNoCycle = slices().matching("fr.ecole.lending.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheCompositionRootKnowsIt = noClasses()
            .that().resideOutsideOfPackage("fr.ecole.lending.app..")
            .should().dependOnClassesThat().resideInAPackage("fr.ecole.lending.app..")
            .because("features are wired in app, and never reach back for it");

    @ArchTest
    static final ArchRule databaseKnowsNoFeature = noClasses()
            .that().resideInAPackage("fr.ecole.lending.db..")
            .should().dependOnClassesThat(resideInAPackage(PROJECT)
                    .and(not(resideInAnyPackage("fr.ecole.lending.db..", "fr.ecole.lending.http.."))))
            .because("the SQL objects of features are listed and registered from app");

    @ArchTest
    static final ArchRule httpKnowsNoFeature = noClasses()
            .that().resideInAPackage("fr.ecole.lending.http..")
            .should().dependOnClassesThat(resideInAPackage(PROJECT)
                    .and(not(resideInAPackage("fr.ecole.lending.http.."))));

    @ArchTest
    static final ArchRule geographyIsALeaf = noClasses()
            .that().resideInAnyPackage("fr.ecole.lending.geography..", "fr.ecole.lending.calendar..")
            .should().dependOnClassesThat(resideInAPackage(PROJECT).and(not(resideInAnyPackage(
                    "fr.ecole.lending.geography..", "fr.ecole.lending.calendar..", "fr.ecole.lending.http.."))))
            .because("territories, communes, UAIs and the school year are values every feature reads");

    @ArchTest
    static final ArchRule labelsIsAPlainLibrary = noClasses()
            .that().resideInAPackage("fr.ecole.lending.labels..")
            .should().dependOnClassesThat(resideInAnyPackage("io.dropwizard..", "jakarta.ws.rs..", "org.jdbi..",
                    "org.eclipse.jetty..", "com.fasterxml.jackson..")
                    .or(resideInAPackage(PROJECT).and(not(resideInAPackage("fr.ecole.lending.labels..")))))
            .because("labels print QR codes and sheets for any program, without the service");

    @ArchTest
    static final ArchRule lendingIsDecidedWithoutInputOrOutput = noClasses()
            .that().haveFullyQualifiedName("fr.ecole.lending.agreements.LendingRules")
            .or().haveFullyQualifiedName("fr.ecole.lending.diagnostics.EligibilityDecider")
            .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "fr.ecole.lending.db..", "java.io..",
                    "java.nio..", "java.net..", "java.sql..", "jakarta.ws.rs..")
            .because("where lending is decided reads as two files of rules over values already read");
}
