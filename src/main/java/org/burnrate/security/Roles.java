package org.burnrate.security;

/**
 * The one place role names live. Views use them in {@code @RolesAllowed}, services in
 * {@code @PreAuthorize} expressions; Spring adds the {@code ROLE_} prefix for authorities.
 */
public final class Roles {

    /** IT of the institution: currency, templates, group admins, users. */
    public static final String SYSTEM_ADMIN = "SYSTEM_ADMIN";
    /** An instructor who owns groups and a budget to fund them. */
    public static final String GROUP_ADMIN = "GROUP_ADMIN";

    /**
     * A provider reporting the usage of its resources with its usage token; it holds no other role
     * and can do nothing else (see {@link ProviderUsageTokens}).
     */
    public static final String PROVIDER = "PROVIDER";

    /** {@code @PreAuthorize} expressions, so that no service spells a role by hand. */
    public static final String IS_SYSTEM_ADMIN = "hasRole('" + SYSTEM_ADMIN + "')";
    public static final String IS_SYSTEM_ADMIN_OR_PROVIDER = "hasAnyRole('" + SYSTEM_ADMIN + "', '" + PROVIDER + "')";
    public static final String IS_ADMIN = "hasAnyRole('" + SYSTEM_ADMIN + "', '" + GROUP_ADMIN + "')";
    public static final String IS_SIGNED_IN = "isAuthenticated()";

    /** Authority held until a user replaces a one-time password; the UI and the API refuse work until then. */
    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    private Roles() {
    }
}
