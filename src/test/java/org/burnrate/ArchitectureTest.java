package org.burnrate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import com.vaadin.flow.component.Component;

/** The layering rules that keep views thin and services secured, whatever module they are in. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.burnrate");

    @Test
    void viewsNeverUseRepositories() {
        noClasses().that().areAssignableTo(Component.class).or().resideInAPackage("..ui..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .because("views ask application services, which apply security and transactions")
                .check(CLASSES);
    }

    @Test
    void servicesNeverImportVaadin() {
        noClasses().that().areAnnotatedWith(Service.class)
                .should().dependOnClassesThat().resideInAPackage("com.vaadin..")
                .because("services serve the UI, the REST API and jobs alike")
                .check(CLASSES);
    }

    @Test
    void onlyUiPackagesBuildComponents() {
        classes().that().areAssignableTo(Component.class)
                .should().resideInAPackage("..ui..")
                .check(CLASSES);
    }

    @Test
    void everyPublicMethodOfAnApplicationServiceIsSecured() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Service.class)
                .and().arePublic().and().doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should().beAnnotatedWith(PreAuthorize.class)
                .because("every operation is checked by role and scope in the service, not only in the view")
                .check(CLASSES);
    }

    @Test
    void viewsNeverUseRepositoriesEvenThroughEntities() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(CLASSES);
    }
}
