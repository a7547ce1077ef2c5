package org.burnrate.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes sure the test database exists and starts empty once per test run, so Liquibase builds
 * the schema from scratch exactly as on a new installation.
 */
public final class PostgresAvailability implements ExecutionCondition {

    public static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/";
    /**
     * Databases of this test run alone, so that two runs on one machine (a developer's and CI's)
     * never drop each other's schema. The names reach the Spring contexts as the system properties
     * {@code portal.test.database} and {@code portal.test.web-database}.
     */
    private static final String PREFIX = "portal_test_";
    public static final String DATABASE = PREFIX + ProcessHandle.current().pid();
    /** For the whole portal on a random port with demo data, which needs a database of its own. */
    public static final String WEB_DATABASE = DATABASE + "_web";

    static {
        System.setProperty("portal.test.database", DATABASE);
        System.setProperty("portal.test.web-database", WEB_DATABASE);
    }
    public static final String USER = "postgres";

    private static volatile Boolean prepared;
    private static volatile String failure = "";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (prepare()) {
            return ConditionEvaluationResult.enabled("PostgreSQL is reachable");
        }
        String message = "PostgreSQL at 127.0.0.1:5432 is not usable (" + failure + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": CI=true, so PostgreSQL tests fail instead of skipping.");
        }
        System.err.println("""

                !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                !! SKIPPING POSTGRESQL TESTS: %s
                !! Start it with: pg_ctlcluster --skip-systemctl-redirect 15 main start
                !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                """.formatted(message));
        return ConditionEvaluationResult.disabled(message);
    }

    /** Runs that were killed leave their databases behind; a later run removes them. */
    private static void dropThoseOfFinishedRuns(Connection server) throws SQLException {
        var stale = new java.util.ArrayList<String>();
        try (var statement = server.prepareStatement("select datname from pg_database where datname like ?")) {
            statement.setString(1, PREFIX + "%");
            var rows = statement.executeQuery();
            while (rows.next()) {
                String name = rows.getString(1);
                String pid = name.substring(PREFIX.length()).replace("_web", "");
                if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            try (var statement = server.createStatement()) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    private static void dropOurs() {
        try (Connection server = DriverManager.getConnection(SERVER_URL + "postgres", USER, "");
                var statement = server.createStatement()) {
            statement.execute("drop database if exists " + WEB_DATABASE + " with (force)");
            statement.execute("drop database if exists " + DATABASE + " with (force)");
        } catch (SQLException e) {
            // The next run removes what is left.
        }
    }

    private static void createEmpty(Connection server, String name) throws SQLException {
        boolean exists;
        try (var statement = server.prepareStatement("select 1 from pg_database where datname = ?")) {
            statement.setString(1, name);
            exists = statement.executeQuery().next();
        }
        if (!exists) {
            try (var statement = server.createStatement()) {
                statement.execute("create database " + name);
            }
        }
        try (Connection database = DriverManager.getConnection(SERVER_URL + name, USER, "");
                var statement = database.createStatement()) {
            statement.execute("drop schema if exists public cascade");
            statement.execute("create schema public");
        }
    }

    private static synchronized boolean prepare() {
        if (prepared != null) {
            return prepared;
        }
        try (Connection server = DriverManager.getConnection(SERVER_URL + "postgres", USER, "")) {
            dropThoseOfFinishedRuns(server);
            for (String name : new String[] {DATABASE, WEB_DATABASE}) {
                createEmpty(server, name);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresAvailability::dropOurs));
            prepared = true;
        } catch (SQLException e) {
            failure = e.getMessage();
            prepared = false;
        }
        return prepared;
    }
}
