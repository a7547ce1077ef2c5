package org.burnrate.demo;

import java.util.Set;

import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds {@link DemoInstitution} into an empty database through the same secured services a
 * system admin uses. Runs before {@code FirstAdmin}, so the demo admin makes a generated one
 * unnecessary.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "portal.demo", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final UserService users;

    DemoData(UserService users) {
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemActor.run(() -> {
            if (users.count() > 0) {
                return;
            }
            seedPeople();
            // Groups with budgets, allowed templates and member allocations come with the budget and
            // catalog modules: they extend this seeding from DemoInstitution.GROUPS.
            log.info("Seeded the demo institution: {} people. Sign in as {} with password '{}'.",
                    users.count(), DemoInstitution.ADMIN.email(), DemoInstitution.PASSWORD);
        });
    }

    private void seedPeople() {
        create(DemoInstitution.ADMIN, Set.of(GlobalRole.SYSTEM_ADMIN));
        create(DemoInstitution.LOPEZ, Set.of(GlobalRole.GROUP_ADMIN));
        create(DemoInstitution.TANAKA, Set.of(GlobalRole.GROUP_ADMIN));
        DemoInstitution.students().forEach(student -> create(student, Set.of()));
    }

    private void create(DemoInstitution.Person person, Set<GlobalRole> roles) {
        users.create(new NewUser(person.email(), person.displayName(), DemoInstitution.PASSWORD, roles, false));
    }
}
