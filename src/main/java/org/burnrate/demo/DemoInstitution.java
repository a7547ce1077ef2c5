package org.burnrate.demo;

import java.util.List;

/**
 * Northfield College, the demo institution: who works and studies there and which classes they
 * share. Everyone signs in with {@link #PASSWORD}.
 */
final class DemoInstitution {

    static final String PASSWORD = "burnrate-demo";
    static final String DOMAIN = "@northfield.test";

    record Person(String email, String displayName) {
    }

    /** A class: its instructor (a group admin) and its students. Budgets and templates are added with those modules. */
    record Group(String name, Person instructor, List<Person> students) {
    }

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

    static final List<Group> GROUPS = List.of(
            new Group("CS101 Cloud Fundamentals", LOPEZ, STUDENTS.subList(0, 8)),
            new Group("CS240 Web Development", LOPEZ, STUDENTS.subList(6, 14)),
            new Group("DS310 Data Engineering", TANAKA, STUDENTS.subList(13, 20)));

    static List<Person> students() {
        return STUDENTS;
    }

    private static Person person(String local, String displayName) {
        return new Person(local + DOMAIN, displayName);
    }

    private DemoInstitution() {
    }
}
