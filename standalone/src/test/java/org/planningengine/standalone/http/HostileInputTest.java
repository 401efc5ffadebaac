package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, systematically: for every write endpoint, bodies generated from a valid one by breaking it every way a
 * client or an attacker could — wrong types, missing required fields, unknown fields and enum values, NaN and
 * infinities, odd ids, other shapes, deep nesting, oversize — each a 4xx problem+json, never a 5xx, never an append.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends HttpTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A write endpoint with a valid body and the fields a body cannot do without. */
    private record Endpoint(String method, String path, String validBody, List<String> required) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/cycles", """
                    {"id": "hos-new", "name": "N", "startDate": "2042-04-01", "endDate": "2042-09-30",
                     "policy": {"buckets": [{"name": "all", "categories": ["NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE"],
                                             "share": 100}], "tolerance": 5}}""",
                         List.of("id", "name", "startDate", "endDate")),
            new Endpoint("PUT", "/api/cycles/hos-s1/policy", """
                    {"policy": {"buckets": [{"name": "all", "categories": ["NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE"],
                                             "share": 100}], "tolerance": 5}, "reason": "r"}""",
                         List.of("policy", "reason")),
            new Endpoint("POST", "/api/teams", """
                    {"id": "hos-new-team", "name": "N", "parentId": "hos-team"}""", List.of("id", "name")),
            new Endpoint("PUT", "/api/cycles/hos-s1/teams/hos-team/capacity", """
                    {"personWeeks": 30, "reason": "r"}""", List.of("personWeeks")),
            new Endpoint("PUT", "/api/cycles/hos-s1/teams/hos-team/policy", """
                    {"policy": {"buckets": [{"name": "all", "categories": ["NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE"],
                                             "share": 100}], "tolerance": 5}, "reason": "r"}""",
                         List.of("policy", "reason")),
            new Endpoint("POST", "/api/cycles/hos-s1/teams/hos-team/allocations", """
                    {"initiativeId": "hos-i", "personWeeks": 2, "reason": "r", "override": {"reason": "o"}}""",
                         List.of("initiativeId", "personWeeks")),
            new Endpoint("POST", "/api/initiatives", """
                    {"id": "hos-new-i", "cycleId": "hos-s1", "teamId": "hos-team", "title": "T", "description": "D",
                     "category": "KTLO"}""", List.of("cycleId", "teamId", "title", "category")),
            new Endpoint("POST", "/api/initiatives/hos-i/score", """
                    {"reach": 10, "impact": 1, "confidence": 0.5, "effort": 2, "reason": "r"}""",
                         List.of("reach", "impact", "confidence", "effort", "reason")),
            new Endpoint("POST", "/api/initiatives/hos-i/drop", """
                    {"reason": "r"}""", List.of("reason")),
            new Endpoint("POST", "/api/initiatives/hos-i/defer", """
                    {"toCycleId": "hos-s2", "reason": "r"}""", List.of("toCycleId", "reason")),
            new Endpoint("POST", "/api/initiatives/hos-i/dependencies", """
                    {"dependsOn": "hos-other"}""", List.of("dependsOn")),
            new Endpoint("POST", "/api/initiatives/hos-i/key-results", """
                    {"objectiveId": "hos-o", "keyResultId": "hos-kr"}""", List.of("objectiveId", "keyResultId")),
            new Endpoint("POST", "/api/objectives", """
                    {"id": "hos-new-o", "cycleId": "hos-s1", "ownerTeamId": "hos-team", "title": "T",
                     "parentObjectiveId": "hos-o"}""", List.of("cycleId", "title")),
            new Endpoint("POST", "/api/objectives/hos-o/key-results", """
                    {"id": "hos-new-kr", "title": "T", "metric": "m", "unit": "u", "baseline": 1, "target": 2,
                     "direction": "INCREASE", "spaceDimension": "ACTIVITY"}""",
                         List.of("title", "metric", "unit", "baseline", "target")),
            new Endpoint("POST", "/api/objectives/hos-o/key-results/hos-kr/check-ins", """
                    {"value": 5, "confidence": 0.5, "comment": "c"}""", List.of("value", "confidence")),
            new Endpoint("POST", "/api/objectives/hos-o/reviews", """
                    {"outcome": "ADJUST", "reason": "r", "changes": {"title": "T2"}}""",
                         List.of("outcome", "reason")),
            new Endpoint("POST", "/api/objectives/hos-o/carry-forward", """
                    {"toCycleId": "hos-s2", "newObjectiveId": "hos-next", "keyResultIds": ["hos-kr"], "reason": "r"}""",
                         List.of("toCycleId", "reason")),
            new Endpoint("POST", "/api/lessons", """
                    {"cycleId": "hos-s1", "subjectId": "hos-i", "text": "t", "tags": ["a"]}""",
                         List.of("cycleId", "text")));

    /** A NUL, which not even free text takes. */
    private static final String NUL = "\"a\\u0000b\"";

    /** Values no field of any endpoint takes: raw JSON, put in place of a field's value. */
    private static final List<String> HOSTILE_VALUES = List.of(
            "true", "[]", "{}", "[1, 2]", "{\"$where\": \"sleep(1000)\"}", "\"NOT_AN_ENUM_NOR_A_NUMBER_NOR_A_SLUG ../\"",
            "NaN", "Infinity", "-Infinity", "1e99999", NUL, "\"../../etc/passwd\"", "\"a b\"",
            "\"Ünïcødé\"", "\"" + "x".repeat(65) + "\"");

    @BeforeAll
    void aPlanToAttack() {
        client();
        api.write("/api/cycles", """
                {"id": "hos-s1", "name": "Hostile", "startDate": "2041-04-01", "endDate": "2041-09-30"}""");
        api.write("/api/cycles", """
                {"id": "hos-s2", "name": "Later", "startDate": "2041-10-01", "endDate": "2042-03-31"}""");
        api.write("/api/teams", """
                {"id": "hos-team", "name": "Hostile"}""");
        for (String id : List.of("hos-i", "hos-other")) {
            api.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "hos-s1", "teamId": "hos-team", "title": "%s", "category": "KTLO"}"""
                    .formatted(id, id));
        }
        api.write("/api/objectives", """
                {"id": "hos-o", "cycleId": "hos-s1", "title": "Target"}""");
        api.write("/api/objectives/hos-o/key-results", """
                {"id": "hos-kr", "title": "KR", "metric": "m", "unit": "u", "baseline": 1, "target": 100}""");
    }

    /** Every hostile body for one endpoint. */
    private static List<String> hostileBodies(Endpoint endpoint) throws Exception {
        List<String> bodies = new ArrayList<>();
        ObjectNode valid = (ObjectNode) JSON.readTree(endpoint.validBody());
        for (Iterator<String> names = valid.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            for (String value : HOSTILE_VALUES) {
                boolean legitimate = value.startsWith("\"") && !value.equals(NUL) && acceptsAnyText(field)
                                     || value.equals("[]") && valid.get(field).isArray();
                if (!legitimate) {
                    bodies.add(withRaw(valid, field, value));
                }
            }
        }
        for (String field : endpoint.required()) {
            ObjectNode without = valid.deepCopy();
            without.remove(field);
            bodies.add(without.toString());
            bodies.add(withRaw(valid, field, "null"));
        }
        bodies.add(withRaw(valid, "unexpected", "1"));
        bodies.add("[" + valid + "]");
        bodies.add("\"" + valid.toString().replace("\"", "'") + "\"");
        bodies.add("null");
        bodies.add("");
        bodies.add("{");
        bodies.add(valid.toString().substring(0, valid.toString().length() / 2));
        bodies.add("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        bodies.add(withRaw(valid, "padding", "\"" + "x".repeat(70_000) + "\""));
        return bodies;
    }

    /** Free text, where any valid text within its limit is a legitimate value. */
    private static boolean acceptsAnyText(String field) {
        return List.of("name", "title", "description", "reason", "comment", "text", "metric", "unit")
                   .contains(field);
    }

    /** The object with one field's value replaced by raw JSON (which may be no valid JSON at all). */
    private static String withRaw(ObjectNode body, String field, String raw) {
        ObjectNode copy = body.deepCopy();
        copy.put(field, "\u0001");
        return copy.toString().replace("\"\u0001\"", raw).replace("\"\\u0001\"", raw);
    }

    @Test
    void everyHostileBodyToEveryWriteIsA4xxProblemAndAppendsNothing() throws Exception {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Endpoint endpoint : ENDPOINTS) {
            for (String body : hostileBodies(endpoint)) {
                long taken = positionsTaken();
                HttpApi.Response response = endpoint.method().equals("PUT") ? api.put(endpoint.path(), body)
                                                                            : api.post(endpoint.path(), body);
                sent++;
                boolean problem = response.status() >= 400 && response.status() < 500
                                  && "application/problem+json".equals(response.contentType());
                if (!problem || positionsTaken() != taken) {
                    failures.add(endpoint.method() + " " + endpoint.path() + " " + response.status() + " "
                                 + abbreviated(body) + " -> " + abbreviated(response.raw()));
                }
            }
        }
        assertThat(sent).isGreaterThan(1000);
        assertThat(failures).as("hostile bodies not refused as 4xx problems, or that appended").isEmpty();
    }

    /** Refused as problems, also those the servlet container refuses before the engine sees them (a slash, a NUL). */
    @Test
    void oddIdsInPathsAreRefused() {
        long taken = positionsTaken();
        for (String id : List.of("..%2F..%2Fetc", "%20", "%C3%9C", "x".repeat(300), "a%00b", "hos-i%27%3B")) {
            HttpApi.Response response = api.post("/api/initiatives/" + id + "/score", """
                    {"reach": 10, "impact": 1, "confidence": 0.5, "effort": 2, "reason": "r"}""");
            assertThat(response.status()).as(id + ": " + response.raw()).isBetween(400, 499);
            assertThat(response.contentType()).as(id + ": " + response.raw()).isEqualTo("application/problem+json");
        }
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    private static String abbreviated(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
