package org.burnrate.demo;

import java.time.Duration;
import java.util.List;

import org.burnrate.catalog.Billing;
import org.burnrate.catalog.TemplateKind;
import org.jspecify.annotations.Nullable;

/**
 * Northfield College, the demo institution: who works and studies there and which classes they
 * share. Everyone signs in with {@link #PASSWORD}.
 */
final class DemoInstitution {

    static final String PASSWORD = "burnrate-demo";
    static final String DOMAIN = "@northfield.test";

    record Person(String email, String displayName) {
    }

    /**
     * A class: its instructor (a group admin), its students, its budget and default member
     * allocation; an overcommitted class promises its students more than it holds.
     */
    record Group(String name, String description, Person instructor, List<Person> students, long budget,
            long defaultAllocation, boolean overcommit) {
    }

    /** One consumption unit is worth 5 euro cents. */
    static final java.math.BigDecimal UNIT_VALUE_EUR = new java.math.BigDecimal("0.05");

    /** The organization pool and the instructors' budgets, in consumption units. */
    static final long POOL = 50_000;
    static final long LOPEZ_BUDGET = 6_000;
    static final long TANAKA_BUDGET = 3_000;

    static final Person ADMIN = person("it.admin", "Morgan Reyes (IT)");
    static final Person LOPEZ = person("maria.lopez", "Dr. Maria Lopez");
    static final Person TANAKA = person("kenji.tanaka", "Prof. Kenji Tanaka");

    private static final List<Person> STUDENTS = List.of(
            person("ada.okafor", "Ada Okafor"), person("ben.schmidt", "Ben Schmidt"),
            person("chloe.martin", "Chloé Martin"), person("dev.patel", "Dev Patel"),
            person("elena.rossi", "Elena Rossi"), person("farah.haddad", "Farah Haddad"),
            person("george.kim", "George Kim"), person("hana.sato", "Hana Sato"),
            person("ivan.petrov", "Ivan Petrov"), person("jade.nguyen", "Jade Nguyen"),
            person("kofi.mensah", "Kofi Mensah"), person("lena.berg", "Lena Berg"),
            person("mateo.garcia", "Mateo García"), person("nora.walsh", "Nora Walsh"),
            person("omar.aziz", "Omar Aziz"), person("priya.iyer", "Priya Iyer"),
            person("quinn.baker", "Quinn Baker"), person("rosa.silva", "Rosa Silva"),
            person("sami.laine", "Sami Laine"), person("tara.obrien", "Tara O'Brien"));

    /** The seed's templates: a VM, a database with a 24-hour minimum, a hosting plan with free web apps, storage per operation. */
    record Template(String name, String description, TemplateKind kind, @Nullable String parent, Billing billing,
            String unitsPerHour, Duration minimumSpan, String stoppedUnitsPerHour, String unitsPerOperation,
            @Nullable Integer maxPerMember, List<String> groups) {
    }

    static final String CS101 = "CS101 Cloud Fundamentals";
    static final String CS240 = "CS240 Web Development";
    static final String DS310 = "DS310 Data Engineering";

    static final List<Template> TEMPLATES = List.of(
            new Template("Ubuntu VM (2 vCPU)", "A Linux virtual machine for labs. Billed per started minute.",
                    TemplateKind.STANDALONE, null, Billing.TIME, "40", Duration.ofMinutes(1), "0", "0", 2,
                    List.of(CS101, CS240, DS310)),
            new Template("PostgreSQL database", "A managed database. Billed per started day, 48 units up front.",
                    TemplateKind.STANDALONE, null, Billing.TIME, "2", Duration.ofHours(24), "0", "0", 1,
                    List.of(CS101, DS310)),
            new Template("Web hosting plan (B1)", "A shared App Service plan; web apps run inside it for free.",
                    TemplateKind.CONTAINER, null, Billing.TIME, "10", Duration.ofHours(1), "0", "0", null,
                    List.of(CS240)),
            new Template("Web app", "A web app inside the group's hosting plan. Burns nothing: the plan is billed.",
                    TemplateKind.CHILD, "Web hosting plan (B1)", Billing.TIME, "0", Duration.ofHours(1), "0", "0", 3,
                    List.of(CS240)),
            new Template("Blob storage", "Object storage, billed per 1,000 operations reported by the provider.",
                    TemplateKind.STANDALONE, null, Billing.PER_OPERATION, "0", Duration.ofHours(1), "0", "0.01", 1,
                    List.of(CS101, DS310)));

    static final List<Group> GROUPS = List.of(
            new Group(CS101, "Virtual machines, storage and networking basics.", LOPEZ,
                    STUDENTS.subList(0, 8), 2_000, 100, false),
            new Group(CS240, "Web apps on a shared hosting plan.", LOPEZ,
                    STUDENTS.subList(6, 14), 2_500, 150, false),
            new Group(DS310, "Databases and pipelines; most students use less than their share.",
                    TANAKA, STUDENTS.subList(13, 20), 1_000, 200, true));

    /** Ben assists in CS101: a group manager. */
    static final Person TEACHING_ASSISTANT = STUDENTS.get(1);

    static List<Person> students() {
        return STUDENTS;
    }

    private static Person person(String local, String displayName) {
        return new Person(local + DOMAIN, displayName);
    }

    private DemoInstitution() {
    }
}
