package org.planningengine.standalone.http;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the API, sent by every role (and by nobody): a caller the rules allow gets its 2xx, on a plan of
 * its own made for the purpose; any other gets {@code 403} ({@code 401} without credentials) as problem+json, and
 * nothing is appended. Team-scoped endpoints are sent twice: on the team the lead leads, and on another.
 */
class AccessMatrixTest extends HttpTestBase {

    /** The test users of each role (the lead leads {@code acl-team} only), and nobody. */
    enum Caller {
        NOBODY(null), VIEWER("viewer"), CONTRIBUTOR("contributor"), LEAD("lead"), PLANNER("planner"),
        ADMIN("administrator");

        final String user;

        Caller(String user) {
            this.user = user;
        }
    }

    private static final String LED_TEAM = "acl-team";
    private static final String OTHER_TEAM = "acl-other";
    /** Not a team: the plan of an endpoint about the whole organisation (it gets one of the led team). */
    private static final String ORGANISATION = "the organisation";
    private static final Set<Caller> ADMINS = EnumSet.of(Caller.ADMIN);
    private static final Set<Caller> PLANNERS = EnumSet.of(Caller.PLANNER, Caller.ADMIN);
    private static final Set<Caller> LEADS = EnumSet.of(Caller.LEAD, Caller.PLANNER, Caller.ADMIN);
    private static final Set<Caller> CONTRIBUTORS = EnumSet.range(Caller.CONTRIBUTOR, Caller.ADMIN);
    private static final Set<Caller> VIEWERS = EnumSet.range(Caller.VIEWER, Caller.ADMIN);

    /**
     * A plan of one team: a cycle (its capacity set) and the next, an initiative proposed and scored, one committed,
     * one started, an objective of the team with key result {@code kr}.
     */
    record Plan(String key, String team, String cycle, String nextCycle, String initiative, String committed,
                String started, String objective) {
    }

    /**
     * @param pattern as the controller maps it, every path variable written {@code {}}
     * @param team    the team of the plan it is sent on
     */
    record Endpoint(String method, String pattern, String team, Function<Plan, String> path,
                    Function<Plan, String> body, Set<Caller> allowed, Consumer<Plan> prepare, String mediaType) {

        Endpoint(String method, String pattern, Function<Plan, String> path, Function<Plan, String> body,
                 Set<Caller> allowed) {
            this(method, pattern, LED_TEAM, path, body, allowed, plan -> {
            }, "application/json");
        }

        /** The same endpoint sent on the other team's plan, allowed to these callers. */
        Endpoint onOtherTeam(Set<Caller> allowedThere) {
            return new Endpoint(method, pattern, OTHER_TEAM, path, body, allowedThere, prepare, mediaType);
        }

        Endpoint preparedBy(Consumer<Plan> preparation) {
            return new Endpoint(method, pattern, team, path, body, allowed, preparation, mediaType);
        }

        /** The same endpoint with a body of another media type (a file). */
        Endpoint sending(String type) {
            return new Endpoint(method, pattern, team, path, body, allowed, prepare, type);
        }

        String name(Caller caller) {
            return caller + " " + method + " " + pattern + (team.equals(LED_TEAM) ? "" : " (" + team + ")");
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final AtomicInteger plans = new AtomicInteger();
    private boolean teamsRegistered;
    private final Map<String, Plan> untouched = new HashMap<>();
    private final Map<String, String> imports = new HashMap<>();

    private List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        // Cycles, teams, policies: planners.
        all.add(new Endpoint("POST", "/api/cycles", plan -> "/api/cycles", plan -> """
                {"id": "%s-new", "name": "New", "startDate": "2031-01-01", "endDate": "2031-06-30"}"""
                .formatted(plan.cycle()), PLANNERS));
        all.add(new Endpoint("PUT", "/api/cycles/{}/policy", plan -> "/api/cycles/" + plan.cycle() + "/policy",
                             plan -> "{\"policy\": " + POLICY + ", \"reason\": \"more for new work\"}", PLANNERS));
        all.add(new Endpoint("POST", "/api/cycles/{}/commit", plan -> "/api/cycles/" + plan.cycle() + "/commit",
                             plan -> "{}", PLANNERS));
        all.add(new Endpoint("POST", "/api/cycles/{}/close", plan -> "/api/cycles/" + plan.cycle() + "/close",
                             plan -> "{\"reason\": \"the half is over\"}", PLANNERS)
                        .preparedBy(plan -> commit(plan.cycle())));
        all.add(new Endpoint("POST", "/api/teams", plan -> "/api/teams",
                             plan -> "{\"id\": \"" + plan.key() + "-team\", \"name\": \"New team\"}", PLANNERS));
        // Archiving and restoring cycles and teams: planners (a team of its own, not the led one, is archived).
        all.add(new Endpoint("POST", "/api/cycles/{}/archive", plan -> "/api/cycles/" + plan.cycle() + "/archive",
                             plan -> ARCHIVE, PLANNERS));
        all.add(new Endpoint("POST", "/api/cycles/{}/restore", plan -> "/api/cycles/" + plan.cycle() + "/restore",
                             plan -> RESTORE, PLANNERS)
                        .preparedBy(plan -> api.write("/api/cycles/" + plan.cycle() + "/archive", ARCHIVE)));
        all.add(new Endpoint("POST", "/api/teams/{}/archive", plan -> "/api/teams/" + plan.key() + "-team/archive",
                             plan -> ARCHIVE, PLANNERS).preparedBy(this::registerOwnTeam));
        all.add(new Endpoint("POST", "/api/teams/{}/restore", plan -> "/api/teams/" + plan.key() + "-team/restore",
                             plan -> RESTORE, PLANNERS)
                        .preparedBy(plan -> {
                            registerOwnTeam(plan);
                            api.write("/api/teams/" + plan.key() + "-team/archive", ARCHIVE);
                        }));
        all.add(new Endpoint("PUT", "/api/cycles/{}/teams/{}/policy", plan -> teamPath(plan, "policy"),
                             plan -> "{\"policy\": " + POLICY + ", \"reason\": \"a team of builders\"}", PLANNERS));
        // Capacity and allocations: the team's lead.
        Endpoint capacity = new Endpoint("PUT", "/api/cycles/{}/teams/{}/capacity", plan -> teamPath(plan, "capacity"),
                                         plan -> "{\"personWeeks\": 12}", LEADS);
        Endpoint allocation = new Endpoint("POST", "/api/cycles/{}/teams/{}/allocations",
                                           plan -> teamPath(plan, "allocations"),
                                           plan -> "{\"initiativeId\": \"" + plan.committed()
                                                   + "\", \"personWeeks\": 1}", LEADS);
        all.addAll(List.of(capacity, capacity.onOtherTeam(PLANNERS), allocation, allocation.onOtherTeam(PLANNERS)));
        // Initiatives: contributors propose, score and link; the team's lead decides.
        all.add(new Endpoint("POST", "/api/initiatives", plan -> "/api/initiatives", plan -> """
                {"cycleId": "%s", "teamId": "%s", "title": "An idea", "category": "KTLO"}"""
                .formatted(plan.cycle(), plan.team()), CONTRIBUTORS));
        all.add(new Endpoint("POST", "/api/initiatives/{}/score", plan -> initiativePath(plan.initiative(), "score"),
                             plan -> SCORE, CONTRIBUTORS));
        all.add(new Endpoint("POST", "/api/initiatives/{}/dependencies",
                             plan -> initiativePath(plan.initiative(), "dependencies"),
                             plan -> "{\"dependsOn\": \"" + plan.committed() + "\"}", CONTRIBUTORS));
        all.add(new Endpoint("POST", "/api/initiatives/{}/key-results",
                             plan -> initiativePath(plan.initiative(), "key-results"),
                             plan -> "{\"objectiveId\": \"" + plan.objective() + "\", \"keyResultId\": \"kr\"}",
                             CONTRIBUTORS));
        List<Endpoint> decisions = List.of(
                new Endpoint("POST", "/api/initiatives/{}/commit", plan -> initiativePath(plan.initiative(), "commit"),
                             plan -> "{}", LEADS),
                new Endpoint("POST", "/api/initiatives/{}/start", plan -> initiativePath(plan.committed(), "start"),
                             plan -> "{}", LEADS),
                new Endpoint("POST", "/api/initiatives/{}/complete",
                             plan -> initiativePath(plan.started(), "complete"), plan -> "{}", LEADS),
                new Endpoint("POST", "/api/initiatives/{}/drop", plan -> initiativePath(plan.initiative(), "drop"),
                             plan -> "{\"reason\": \"no longer needed\"}", LEADS),
                new Endpoint("POST", "/api/initiatives/{}/defer", plan -> initiativePath(plan.initiative(), "defer"),
                             plan -> "{\"toCycleId\": \"" + plan.nextCycle() + "\", \"reason\": \"later\"}", LEADS),
                new Endpoint("POST", "/api/initiatives/{}/archive",
                             plan -> initiativePath(plan.initiative(), "archive"), plan -> ARCHIVE, LEADS),
                new Endpoint("POST", "/api/initiatives/{}/restore",
                             plan -> initiativePath(plan.initiative(), "restore"), plan -> RESTORE, LEADS)
                        .preparedBy(plan -> api.write(initiativePath(plan.initiative(), "archive"), ARCHIVE)));
        decisions.forEach(decision -> all.addAll(List.of(decision, decision.onOtherTeam(PLANNERS))));
        // Objectives: the owning team's lead; check-ins: contributors.
        Endpoint teamObjective = new Endpoint("POST", "/api/objectives", plan -> "/api/objectives", plan -> """
                {"id": "%s-o2", "cycleId": "%s", "ownerTeamId": "%s", "title": "Another objective"}"""
                .formatted(plan.key(), plan.cycle(), plan.team()), LEADS);
        all.addAll(List.of(teamObjective, teamObjective.onOtherTeam(PLANNERS)));
        all.add(new Endpoint("POST", "/api/objectives", ORGANISATION, plan -> "/api/objectives", plan -> """
                {"id": "%s-org", "cycleId": "%s", "title": "An objective of everyone"}"""
                .formatted(plan.key(), plan.cycle()), PLANNERS, plan -> {
        }, "application/json"));
        List<Endpoint> objectiveDecisions = List.of(
                new Endpoint("POST", "/api/objectives/{}/key-results",
                             plan -> "/api/objectives/" + plan.objective() + "/key-results", plan -> """
                        {"id": "kr2", "title": "Second", "metric": "m", "unit": "%", "baseline": 0, "target": 10}""",
                             LEADS),
                new Endpoint("POST", "/api/objectives/{}/reviews",
                             plan -> "/api/objectives/" + plan.objective() + "/reviews",
                             plan -> "{\"outcome\": \"KEEP\", \"reason\": \"on track\"}", LEADS),
                new Endpoint("POST", "/api/objectives/{}/grade",
                             plan -> "/api/objectives/" + plan.objective() + "/grade", plan -> "{}", LEADS)
                        .preparedBy(plan -> commit(plan.cycle())),
                new Endpoint("POST", "/api/objectives/{}/carry-forward",
                             plan -> "/api/objectives/" + plan.objective() + "/carry-forward", plan -> """
                        {"toCycleId": "%s", "newObjectiveId": "%s-next", "reason": "not done"}"""
                        .formatted(plan.nextCycle(), plan.key()), LEADS),
                new Endpoint("POST", "/api/objectives/{}/archive",
                             plan -> "/api/objectives/" + plan.objective() + "/archive", plan -> ARCHIVE, LEADS)
                        .preparedBy(this::retireObjective),
                new Endpoint("POST", "/api/objectives/{}/restore",
                             plan -> "/api/objectives/" + plan.objective() + "/restore", plan -> RESTORE, LEADS)
                        .preparedBy(plan -> {
                            retireObjective(plan);
                            api.write("/api/objectives/" + plan.objective() + "/archive", ARCHIVE);
                        }),
                new Endpoint("PUT", "/api/objectives/{}/rollup",
                             plan -> "/api/objectives/" + plan.objective() + "/rollup",
                             plan -> "{\"mode\": \"WEIGHTED\", \"keyResultWeights\": {\"kr\": 2}}", LEADS));
        objectiveDecisions.forEach(decision -> all.addAll(List.of(decision, decision.onOtherTeam(PLANNERS))));
        all.add(new Endpoint("POST", "/api/objectives/{}/key-results/{}/check-ins",
                             plan -> "/api/objectives/" + plan.objective() + "/key-results/kr/check-ins",
                             plan -> "{\"value\": 5, \"confidence\": 0.5}", CONTRIBUTORS));
        all.add(new Endpoint("POST", "/api/lessons", plan -> "/api/lessons",
                             plan -> "{\"cycleId\": \"" + plan.cycle() + "\", \"text\": \"smaller batches\"}",
                             CONTRIBUTORS));
        // Imports: contributors import initiatives; a team's lead its objectives; everybody follows them.
        all.add(new Endpoint("POST", "/api/cycles/{}/imports", plan -> "/api/cycles/" + plan.cycle() + "/imports",
                             plan -> "title,team,category\nImported,%s,KTLO\n".formatted(plan.team()), CONTRIBUTORS)
                        .sending("text/csv"));
        Endpoint okrImport = new Endpoint("POST", "/api/cycles/{}/okr-imports",
                                          plan -> "/api/cycles/" + plan.cycle() + "/okr-imports",
                                          plan -> "objective,team\nImported,%s\n".formatted(plan.team()), LEADS)
                .sending("text/csv");
        all.addAll(List.of(okrImport, okrImport.onOtherTeam(PLANNERS)));
        all.add(new Endpoint("GET", "/api/cycles/{}/imports/{}",
                             plan -> "/api/cycles/" + plan.cycle() + "/imports/" + imported(plan), plan -> null,
                             VIEWERS));
        // Users and projections: administrators.
        all.add(new Endpoint("GET", "/api/admin/users", plan -> "/api/admin/users", plan -> null, ADMINS));
        all.add(new Endpoint("PUT", "/api/admin/users/{}", plan -> "/api/admin/users/" + plan.key(),
                             plan -> "{\"password\": \"a-long-password\", \"roles\": [\"VIEWER\"]}", ADMINS));
        all.add(new Endpoint("DELETE", "/api/admin/users/{}", plan -> "/api/admin/users/" + plan.key(),
                             plan -> null, ADMINS)
                        .preparedBy(plan -> api.exchange("PUT", "/api/admin/users/" + plan.key(), """
                                {"password": "a-long-password", "roles": ["VIEWER"]}""")));
        all.add(new Endpoint("POST", "/api/admin/projections/replay", plan -> "/api/admin/projections/replay",
                             plan -> null, ADMINS));
        all.add(new Endpoint("GET", "/api/admin/projections/status", plan -> "/api/admin/projections/status",
                             plan -> null, ADMINS));
        all.add(new Endpoint("POST", "/api/admin/projections/{}/dead-letters/retry",
                             plan -> "/api/admin/projections/plan/dead-letters/retry", plan -> null, ADMINS));
        // Webhooks, which make the engine call out: planners and administrators.
        all.add(new Endpoint("GET", "/api/webhooks", plan -> "/api/webhooks", plan -> null, PLANNERS));
        all.add(new Endpoint("POST", "/api/webhooks", plan -> "/api/webhooks", plan -> hookBody(plan.key() + "-new",
                                                                                                plan), PLANNERS));
        all.add(new Endpoint("GET", "/api/webhooks/{}", this::hook, plan -> null, PLANNERS));
        all.add(new Endpoint("PATCH", "/api/webhooks/{}", this::hook, plan -> "{\"types\": [\"PlanCommitted\"]}",
                             PLANNERS));
        all.add(new Endpoint("POST", "/api/webhooks/{}/pause", plan -> hook(plan) + "/pause", plan -> null,
                             PLANNERS));
        all.add(new Endpoint("POST", "/api/webhooks/{}/resume", plan -> hook(plan) + "/resume", plan -> null,
                             PLANNERS));
        all.add(new Endpoint("DELETE", "/api/webhooks/{}", this::hook, plan -> null, PLANNERS));
        all.add(new Endpoint("GET", "/api/webhooks/{}/deliveries", plan -> hook(plan) + "/deliveries",
                             plan -> null, PLANNERS));
        // Scenarios: the lead of the scenario's team, or a planner; a write sent into one needs that, and what the
        // plan's own write needs.
        List<Endpoint> scenarioWrites = List.of(
                new Endpoint("POST", "/api/cycles/{}/scenarios", plan -> "/api/cycles/" + plan.cycle() + "/scenarios",
                             plan -> "{\"id\": \"" + plan.key() + "-what-if\", \"name\": \"What if\", \"team\": \""
                                     + plan.team() + "\"}", LEADS),
                new Endpoint("POST", "/api/scenarios/{}/rename", plan -> scenario(plan) + "/rename",
                             plan -> "{\"name\": \"Renamed\"}", LEADS),
                new Endpoint("POST", "/api/scenarios/{}/discard", plan -> scenario(plan) + "/discard",
                             plan -> "{\"reason\": \"not needed\"}", LEADS),
                new Endpoint("POST", "/api/scenarios/{}/apply", plan -> scenario(plan) + "/apply", plan -> "{}", LEADS),
                new Endpoint("POST", "/api/scenarios/{}/**",
                             plan -> scenario(plan) + "/initiatives/" + plan.initiative() + "/score", plan -> SCORE,
                             LEADS),
                new Endpoint("PUT", "/api/scenarios/{}/**",
                             plan -> scenario(plan) + "/cycles/" + plan.cycle() + "/teams/" + plan.team() + "/capacity",
                             plan -> "{\"personWeeks\": 12}", LEADS));
        scenarioWrites.forEach(write -> all.addAll(List.of(write, write.onOtherTeam(PLANNERS))));
        // Views: everybody who signed in.
        Map<String, Function<Plan, String>> views = Map.ofEntries(
                Map.entry("/api/scenarios", plan -> "/api/scenarios?cycle=" + plan.cycle()),
                Map.entry("/api/scenarios/{}", AccessMatrixTest::scenario),
                Map.entry("/api/scenarios/{}/compare", plan -> scenario(plan) + "/compare"),
                Map.entry("/api/scenarios/{}/**", plan -> scenario(plan) + "/cycles/" + plan.cycle() + "/roadmap"),
                Map.entry("/api/cycles", plan -> "/api/cycles"),
                Map.entry("/api/cycles/{}", plan -> "/api/cycles/" + plan.cycle()),
                Map.entry("/api/cycles/{}/roadmap", plan -> "/api/cycles/" + plan.cycle() + "/roadmap"),
                Map.entry("/api/cycles/{}/roadmap/diff", plan -> "/api/cycles/" + plan.cycle()
                                                                 + "/roadmap/diff?from=2020-01-01T00:00:00Z&to="
                                                                 + Instant.now()),
                Map.entry("/api/cycles/{}/capacity", plan -> "/api/cycles/" + plan.cycle() + "/capacity"),
                Map.entry("/api/cycles/{}/okrs", plan -> "/api/cycles/" + plan.cycle() + "/okrs"),
                Map.entry("/api/cycles/{}/retrospective",
                          plan -> "/api/cycles/" + plan.cycle() + "/retrospective"),
                Map.entry("/api/cycles/{}/unfinished",
                          plan -> "/api/cycles/" + plan.cycle() + "/unfinished"),
                Map.entry("/api/initiatives/{}/history",
                          plan -> "/api/initiatives/" + plan.initiative() + "/history"),
                Map.entry("/api/objectives/{}/history",
                          plan -> "/api/objectives/" + plan.objective() + "/history"),
                Map.entry("/api/cycles/{}/history", plan -> "/api/cycles/" + plan.cycle() + "/history"),
                Map.entry("/api/teams/{}/history", plan -> "/api/teams/" + plan.team() + "/history"),
                Map.entry("/api/decisions", plan -> "/api/decisions?cycle=" + plan.cycle()),
                Map.entry("/api/feed", plan -> "/api/feed?cycle=" + plan.cycle()),
                Map.entry("/api/initiatives/{}", plan -> "/api/initiatives/" + plan.initiative()),
                Map.entry("/api/objectives/{}", plan -> "/api/objectives/" + plan.objective()),
                Map.entry("/api/teams", plan -> "/api/teams"),
                Map.entry("/api/teams/{}", plan -> "/api/teams/" + plan.team()),
                Map.entry("/api/me", plan -> "/api/me"));
        views.forEach((pattern, path) -> all.add(new Endpoint("GET", pattern, path, plan -> null, VIEWERS)));
        return all;
    }

    private static final String POLICY = """
            {"buckets": [{"name": "new", "categories": ["NEW_INITIATIVE"], "share": 60},
                         {"name": "run", "categories": ["KTLO", "TEAM_INITIATIVE"], "share": 40}], "tolerance": 5}""";
    private static final String ARCHIVE = "{\"reason\": \"tidying up\"}";
    private static final String RESTORE = "{\"reason\": \"archived by mistake\"}";
    private static final String SCORE = """
            {"reach": 1000, "impact": 1, "confidence": 0.8, "effort": 4, "reason": "first estimate"}""";

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryRoleAsTheRulesSay() {
        return endpoints().stream().flatMap(endpoint -> Stream.of(Caller.values()).map(
                caller -> DynamicTest.dynamicTest(endpoint.name(caller), () -> send(endpoint, caller))));
    }

    @Test
    void theMatrixCoversEveryEndpointTheApiMaps() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods().forEach(
                        method -> mapped.add(method + " " + pattern.replaceAll("\\{[^}]+}", "{}")))));
        Set<String> covered = new TreeSet<>();
        endpoints().forEach(endpoint -> covered.add(endpoint.method() + " " + endpoint.pattern()));

        assertThat(covered).isEqualTo(mapped);
    }

    /**
     * The API description names, for each operation, the least role the rules above let call it (on a team the
     * caller leads, for the lead): the matrix is what the rules do, so the description says what they do.
     */
    @Test
    void theApiDescriptionNamesTheLeastRoleThatMay() {
        Map<String, Caller> least = new TreeMap<>();
        endpoints().stream().filter(endpoint -> !endpoint.team().equals(OTHER_TEAM)).forEach(
                endpoint -> least.merge(endpoint.method() + " " + endpoint.pattern(),
                                        endpoint.allowed().stream().min(Comparator.naturalOrder()).orElseThrow(),
                                        (one, other) -> one.compareTo(other) <= 0 ? one : other));
        Map<String, String> described = new TreeMap<>();
        api.anonymous().get("/v3/api-docs").body().get("paths").fields().forEachRemaining(
                path -> path.getValue().fields().forEachRemaining(operation -> described.put(
                        operation.getKey().toUpperCase(Locale.ROOT) + " "
                        + path.getKey().replaceAll("\\{[^}]+}", "{}"),
                        operation.getValue().path("x-least-role").asText())));

        Map<String, String> expected = new TreeMap<>();
        least.forEach((operation, caller) -> expected.put(operation, caller.name()));
        assertThat(described).isEqualTo(expected);
    }

    private void send(Endpoint endpoint, Caller caller) {
        boolean allowed = endpoint.allowed().contains(caller);
        // A write that is let through changes its plan, so it gets one of its own; reads and refusals do not.
        boolean changes = allowed && !endpoint.method().equals("GET");
        Plan plan = changes ? plan(endpoint.team()) : untouched.computeIfAbsent(endpoint.team(), this::plan);
        if (changes) {
            endpoint.prepare().accept(plan);
        }
        HttpApi as = caller.user == null ? api.anonymous() : api.as(caller.user);
        String path = endpoint.path().apply(plan);
        long taken = positionsTaken();

        HttpApi.Response response = as.exchange(endpoint.method(), path, endpoint.mediaType(),
                                                endpoint.body().apply(plan));

        if (allowed) {
            assertThat(response.status()).as(response.raw()).isBetween(200, 299);
            if (endpoint.pattern().endsWith("imports")) {
                // An import appends after its answer: done before the next request counts positions.
                awaitImported(response);
            }
            return;
        }
        int status = caller == Caller.NOBODY ? 401 : 403;
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().get("type").asText())
                .isEqualTo("urn:planning-engine:problem:" + (status == 401 ? "unauthenticated" : "forbidden"));
        if (status == 403) {
            assertThat(response.body().get("detail").asText()).startsWith("'" + caller.user + "' may not");
        }
        assertThat(positionsTaken()).as("positions taken").isEqualTo(taken);
    }

    /** The plan's scenario, of its team, forked with the plan. */
    private static String scenario(Plan plan) {
        return "/api/scenarios/" + plan.key() + "-scn";
    }

    /** The path of the plan's webhook, registered the first time (it is no event of the log: no position taken). */
    private String hook(Plan plan) {
        String id = plan.key() + "-hook";
        if (api.get("/api/webhooks/" + id).status() == 404) {
            api.write("/api/webhooks", hookBody(id, plan));
        }
        return "/api/webhooks/" + id;
    }

    /** A webhook of the plan's cycle commits only, which no request of the matrix makes on it. */
    private static String hookBody(String id, Plan plan) {
        return """
                {"id": "%s", "url": "http://127.0.0.1:9/hook", "secret": "acl-secret-0123456789", "cycle": "%s",
                 "types": ["PlanCommitted"]}""".formatted(id, plan.cycle());
    }

    /** A fresh plan of this team (the organisation's endpoints get one of the led team). */
    private Plan plan(String team) {
        if (!teamsRegistered) {
            api.write("/api/teams", "{\"id\": \"" + LED_TEAM + "\", \"name\": \"Led\"}");
            api.write("/api/teams", "{\"id\": \"" + OTHER_TEAM + "\", \"name\": \"Other\"}");
            teamsRegistered = true;
        }
        String teamId = team.equals(OTHER_TEAM) ? OTHER_TEAM : LED_TEAM;
        String key = "acl-" + plans.incrementAndGet();
        Plan plan = new Plan(key, teamId, key + "-c", key + "-d", key + "-i", key + "-k", key + "-s", key + "-o");
        api.write("/api/cycles", """
                {"id": "%s", "name": "Plan", "startDate": "2030-01-01", "endDate": "2030-06-30"}"""
                .formatted(plan.cycle()));
        api.write("/api/cycles", """
                {"id": "%s", "name": "Next", "startDate": "2030-07-01", "endDate": "2030-12-31"}"""
                .formatted(plan.nextCycle()));
        api.replace(teamPath(plan, "capacity"), "{\"personWeeks\": 10}");
        for (String initiative : List.of(plan.initiative(), plan.committed(), plan.started())) {
            api.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "%s", "teamId": "%s", "title": "%s", "category": "KTLO"}"""
                    .formatted(initiative, plan.cycle(), teamId, initiative));
            api.write(initiativePath(initiative, "score"), SCORE);
        }
        api.write(initiativePath(plan.committed(), "commit"), "{}");
        api.write(initiativePath(plan.started(), "commit"), "{}");
        api.write(initiativePath(plan.started(), "start"), "{}");
        api.write("/api/objectives", """
                {"id": "%s", "cycleId": "%s", "ownerTeamId": "%s", "title": "An objective"}"""
                .formatted(plan.objective(), plan.cycle(), teamId));
        api.write("/api/cycles/" + plan.cycle() + "/scenarios", "{\"id\": \"" + plan.key() + "-scn\", \"name\": "
                                                               + "\"What if\", \"team\": \"" + teamId + "\"}");
        awaitViews(api.write("/api/objectives/" + plan.objective() + "/key-results", """
                {"id": "kr", "title": "First", "metric": "m", "unit": "%", "baseline": 0, "target": 10}"""));
        return plan;
    }

    /** The id of an import into the plan's cycle, made (and finished) the first time it is asked for. */
    private String imported(Plan plan) {
        return imports.computeIfAbsent(plan.cycle(), cycle -> awaitImported(api.postFile(
                "/api/cycles/" + cycle + "/imports", "text/csv", "title,team,category\nFollowed,%s,KTLO\n"
                        .formatted(plan.team()))).get("id").asText());
    }

    /** A team of the plan's own, to archive without touching the teams every plan shares. */
    private void registerOwnTeam(Plan plan) {
        api.write("/api/teams", "{\"id\": \"" + plan.key() + "-team\", \"name\": \"Own team\"}");
    }

    /** Only a retired (or graded) objective of an open cycle can be archived. */
    private void retireObjective(Plan plan) {
        api.write("/api/objectives/" + plan.objective() + "/reviews",
                  "{\"outcome\": \"RETIRE\", \"reason\": \"done with\"}");
    }

    private void commit(String cycle) {
        api.write("/api/cycles/" + cycle + "/commit", "{}");
    }

    private static String teamPath(Plan plan, String what) {
        return "/api/cycles/" + plan.cycle() + "/teams/" + plan.team() + "/" + what;
    }

    private static String initiativePath(String initiative, String what) {
        return "/api/initiatives/" + initiative + "/" + what;
    }
}
