package org.burnrate.organization.api;

import java.net.URI;
import java.util.Set;

import org.burnrate.base.PageResponse;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "People who may sign in")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    record CreateUser(@Nullable String email, @Nullable String displayName, @Nullable String password,
            @Nullable Set<GlobalRole> roles) {
    }

    @PostMapping
    @Operation(summary = "Create a person",
            description = "System admins and group admins (for their rosters). Only system admins may grant roles. "
                    + "Without a password the person cannot sign in yet; a password set here must be changed at first sign-in.")
    ResponseEntity<UserJson> create(@RequestBody CreateUser body) {
        var created = users.create(new NewUser(body.email() == null ? "" : body.email(),
                body.displayName() == null ? "" : body.displayName(), body.password(),
                body.roles() == null ? Set.of() : body.roles()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(UserJson.of(created));
    }

    @GetMapping
    @Operation(summary = "Find people",
            description = "With ?email= finds one person by exact email (system and group admins). Without it, "
                    + "system admins list everyone whose name or email contains ?q=.")
    PageResponse<UserJson> find(@RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false, defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var pageable = PageResponse.request(page, size, Sort.by("email"));
        if (email != null) {
            var found = users.findByEmail(email).map(UserJson::of).stream().toList();
            return new PageResponse<>(found, 0, pageable.getPageSize(), found.size());
        }
        Page<UserJson> result = users.search(q, pageable).map(UserJson::of);
        return PageResponse.of(result, json -> json);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One person (system admins)")
    UserJson get(@PathVariable long id) {
        return UserJson.of(users.get(id));
    }
}
