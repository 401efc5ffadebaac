package org.planningengine.query.caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Caller;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Who the signed-in caller is and what it may do, so that a client (the dashboard) offers only the writes the
 * caller's roles allow; the writes still check for themselves.
 */
@RestController
@Tag(name = "Signed-in user")
public class CallerReads {

    /**
     * @param roles every role held, with the ones each includes, from {@code VIEWER} up
     * @param leads the teams it leads by name ({@code LEAD:<team>}); a planner leads every team without naming them
     */
    public record SignedIn(String name, List<Role> roles, List<String> leads) {
    }

    @Operation(summary = "The signed-in user, its roles and the teams it leads")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/me")
    SignedIn me(Authentication authentication) {
        return new SignedIn(authentication.getName(), Caller.roles(authentication), Caller.teamsLed(authentication));
    }
}
