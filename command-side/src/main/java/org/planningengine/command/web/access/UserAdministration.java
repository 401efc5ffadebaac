package org.planningengine.command.web.access;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.web.LeastRole;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.security.Caller;
import org.planningengine.security.Grant;
import org.planningengine.security.PlanningUsers;
import org.planningengine.security.Role;
import org.planningengine.security.UserAccounts;
import org.planningengine.security.UserAccounts.Account;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Administrators keep the users who sign in with a password: list them, create or change one (password, roles),
 * remove one. Users named in configuration are changed there. With bearer tokens, users live in the identity
 * provider and these answer {@code 409}.
 */
@RestController
@Tag(name = "Users", description = "The users kept in the engine (when no OAuth2 issuer is configured)")
@RequestMapping("/api/admin/users")
class UserAdministration {

    /** @param password the new password, or null to keep the one it has */
    record UserRequest(String password, List<String> roles) {
    }

    enum Source { CONFIGURATION, USER_STORE }

    record UserView(String name, List<String> roles, Source source, String updatedBy, Instant updatedAt) {
    }

    record Users(List<UserView> users) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    private static final int SHORTEST_PASSWORD = 12;
    /** BCrypt reads no further than 72 bytes; a longer password would be cut without a word. */
    private static final int LONGEST_PASSWORD = 72;

    private final ObjectProvider<PlanningUsers> users;
    private final ObjectProvider<PasswordEncoder> encoder;
    private final PlanRegistry registry;

    UserAdministration(ObjectProvider<PlanningUsers> users, ObjectProvider<PasswordEncoder> encoder,
                       PlanRegistry registry) {
        this.users = users;
        this.encoder = encoder;
        this.registry = registry;
    }

    @Operation(summary = "List the users")
    @LeastRole(Role.ADMIN)
    @GetMapping
    Users list() {
        PlanningUsers known = passwordUsers();
        Stream<UserView> configured = known.configured().entrySet().stream().map(
                user -> new UserView(user.getKey(), names(user.getValue().grants()), Source.CONFIGURATION, null, null));
        Stream<UserView> stored = known.accounts().all().stream().map(UserAdministration::view);
        return new Users(Stream.concat(configured, stored).sorted(Comparator.comparing(UserView::name)).toList());
    }

    @Operation(summary = "Create or change a user")
    @LeastRole(Role.ADMIN)
    @PutMapping("/{name}")
    @ApiResponse(responseCode = "200", description = "Changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    ResponseEntity<UserView> save(@PathVariable String name, @RequestBody UserRequest request) {
        PlanningUsers known = passwordUsers();
        if (!NAME.matcher(name).matches()) {
            throw new RuleViolated("name", "a user name is 1 to 64 of a-z, 0-9, '.', '_', '@', '-', starting with a"
                                           + " letter or digit");
        }
        requireNotConfigured(known, name);
        List<Grant> grants = grants(request.roles());
        if (name.equals(Caller.name()) && grants.stream().noneMatch(grant -> grant.role() == Role.ADMIN)) {
            throw new StateConflict("an administrator cannot take ADMIN from itself; another administrator can");
        }
        UserAccounts accounts = known.accounts();
        Account before = accounts.find(name).orElse(null);
        if (before == null && request.password() == null) {
            throw new RuleViolated("password", "a new user needs a password");
        }
        String hash = request.password() == null ? before.passwordHash()
                                                 : encoder.getObject().encode(checked(request.password()));
        Account account = new Account(name, hash, grants, Caller.name(), Instant.now());
        accounts.save(account);
        return ResponseEntity.status(before == null ? HttpStatus.CREATED : HttpStatus.OK).body(view(account));
    }

    @Operation(summary = "Remove a user")
    @LeastRole(Role.ADMIN)
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String name) {
        PlanningUsers known = passwordUsers();
        requireNotConfigured(known, name);
        if (name.equals(Caller.name())) {
            throw new StateConflict("an administrator cannot remove itself; another administrator can");
        }
        if (!known.accounts().delete(name)) {
            throw new UnknownReference("name", "no user " + name);
        }
    }

    private PlanningUsers passwordUsers() {
        PlanningUsers known = users.getIfAvailable();
        if (known == null) {
            throw new StateConflict("users are kept by the identity provider that issues the bearer tokens");
        }
        return known;
    }

    private static void requireNotConfigured(PlanningUsers known, String name) {
        if (known.configured().containsKey(name)) {
            throw new StateConflict("user " + name + " is named in configuration (planning.security.users); "
                                    + "change it there");
        }
    }

    /** The grants the roles name; a lead leads a team that exists (one that does not would grant nothing). */
    private List<Grant> grants(List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new RuleViolated("roles", "a user holds at least one role");
        }
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            Grant grant;
            try {
                grant = Grant.parse(String.valueOf(roles.get(i)));
            } catch (IllegalArgumentException wrong) {
                throw new RuleViolated("roles[" + i + "]", wrong.getMessage());
            }
            if (grant.teamId() != null && !registry.teamExists(grant.teamId())) {
                throw new RuleViolated("roles[" + i + "]", "'" + grant + "' names team " + grant.teamId()
                                                           + ", which does not exist");
            }
            grants.add(grant);
        }
        return grants;
    }

    private static String checked(String password) {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (password.length() < SHORTEST_PASSWORD || bytes > LONGEST_PASSWORD) {
            throw new RuleViolated("password", "a password is at least " + SHORTEST_PASSWORD + " characters and at"
                                               + " most " + LONGEST_PASSWORD + " bytes");
        }
        return password;
    }

    private static UserView view(Account account) {
        return new UserView(account.name(), names(account.grants()), Source.USER_STORE, account.updatedBy(),
                            account.updatedAt());
    }

    private static List<String> names(List<Grant> grants) {
        return grants.stream().map(Grant::toString).toList();
    }
}
