package org.burnrate.organization.api;

import java.util.List;

import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.MembershipDirectory;
import org.burnrate.organization.UserService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me", description = "The caller")
class MeController {

    private final UserService users;
    private final ObjectProvider<MembershipDirectory> memberships;

    MeController(UserService users, ObjectProvider<MembershipDirectory> memberships) {
        this.users = users;
        this.memberships = memberships;
    }

    record Me(long id, String email, String name, String displayName, List<String> roles,
            boolean passwordChangeRequired, List<?> memberships) {
    }

    @GetMapping
    @Operation(summary = "Who am I", description = "The signed-in caller: id, email, name, global roles and group memberships.")
    Me me() {
        var me = users.me();
        return new Me(me.id(), me.email(), me.displayName(), me.displayName(),
                me.roles().stream().sorted().map(GlobalRole::name).toList(), me.passwordChangeRequired(),
                memberships.getIfAvailable(() -> List::of).membershipsOfCurrentUser());
    }
}
