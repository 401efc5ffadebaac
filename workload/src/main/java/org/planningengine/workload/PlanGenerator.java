package org.planningengine.workload;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A realistic organisation planning several semesters, generated from a seed as the requests of the public API that
 * a planning organisation would send: the same seed and size give the same requests in the same order, and every
 * request is one the engine accepts. At size 1: 200 teams (20 groups of 9), 4 semesters, 5,000 initiatives a
 * semester scored and re-scored, allocations within the policy and some audited overrides, 500 objectives with
 * 1,500 key results a semester checked in every week, reviews each quarter, grades, carry-forwards, drops,
 * deferrals and lessons. Sizes below 1 scale the counts down, so small runs take seconds.
 */
public final class PlanGenerator {

    /** What the generator sends; the sink answers the HTTP status. */
    public interface Sink {
        int send(Request request);
    }

    public record Request(String method, String path, String json) {
    }

    /** How many requests of each kind were sent, and how many the engine refused (there should be none). */
    public record Summary(Map<String, Integer> sent, int refused, List<String> firstRefusals) {

        public int total() {
            return sent.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final String[] CATEGORIES = {"NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE"};
    private static final String[] IMPACTS = {"0.25", "0.5", "1", "2", "3"};
    private static final String[] CONFIDENCES = {"0.5", "0.8", "1"};
    private static final int WEEKS = 26;
    private static final int SHARE = 50;
    private static final int TOLERANCE = 5;

    private final SplittableRandom random;
    private final double size;
    private final Sink sink;
    private final Map<String, Integer> sent = new HashMap<>();
    private final List<String> firstRefusals = new ArrayList<>();
    private int refused;

    private record Initiative(String id, String team, String category, BigDecimal effort, double score) {
    }

    private record KeyResult(String objective, String id, BigDecimal baseline, BigDecimal target) {
    }

    public PlanGenerator(long seed, double size, Sink sink) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be more than 0 (1 is the full organisation)");
        }
        this.random = new SplittableRandom(seed);
        this.size = size;
        this.sink = sink;
    }

    /** Sends the whole organisation's semesters, in order, and answers what was sent. */
    public Summary run(String prefix, int semesters) {
        int groups = scaled(20, 1);
        List<String> teams = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String group = prefix + "-group-" + g;
            send("team", "POST", "/api/teams", "{\"id\": \"%s\", \"name\": \"Group %d\"}".formatted(group, g));
            for (int t = 0; t < 9 && (g * 9 + t) < scaled(180, 2); t++) {
                String team = prefix + "-team-" + (g * 9 + t);
                send("team", "POST", "/api/teams", "{\"id\": \"%s\", \"name\": \"Team %d\", \"parentId\": \"%s\"}"
                        .formatted(team, g * 9 + t, group));
                teams.add(team);
            }
        }
        startCycle(prefix, 0);
        for (int semester = 0; semester < semesters; semester++) {
            if (semester + 1 < semesters) {
                startCycle(prefix, semester + 1); // planned ahead: deferrals and carry-forwards go there
            }
            semester(prefix, semester, teams, semester + 1 < semesters);
        }
        return new Summary(Map.copyOf(sent), refused, List.copyOf(firstRefusals));
    }

    private void semester(String prefix, int semester, List<String> teams, boolean hasNext) {
        String cycle = cycleId(prefix, semester);
        String next = cycleId(prefix, semester + 1);
        Map<String, BigDecimal> capacity = new HashMap<>();
        for (String team : teams) {
            BigDecimal personWeeks = BigDecimal.valueOf(20 + random.nextInt(41));
            capacity.put(team, personWeeks);
            send("capacity", "PUT", "/api/cycles/%s/teams/%s/capacity".formatted(cycle, team),
                 "{\"personWeeks\": %s}".formatted(personWeeks));
        }
        List<KeyResult> keyResults = objectives(prefix, semester, cycle, teams);
        List<Initiative> initiatives = initiatives(prefix, semester, cycle, teams, keyResults);
        List<Initiative> committed = commitAndAllocate(cycle, initiatives, capacity);
        send("plan", "POST", "/api/cycles/%s/commit".formatted(cycle), "{\"reason\": \"planning week is over\"}");

        List<Initiative> started = new ArrayList<>();
        for (Initiative initiative : committed) {
            if (random.nextDouble() < 0.7) {
                decide("start", initiative, null);
                started.add(initiative);
            }
        }
        for (Initiative initiative : initiatives) {
            if (committed.contains(initiative)) {
                continue;
            }
            double roll = random.nextDouble();
            if (roll < 0.05) {
                decide("drop", initiative, "{\"reason\": \"no longer worth it\"}");
            } else if (roll < 0.08 && hasNext) {
                decide("defer", initiative, "{\"toCycleId\": \"%s\", \"reason\": \"next half\"}".formatted(next));
            }
        }
        Set<String> retired = checkIns(keyResults, started);
        for (String objective : keyResults.stream().map(KeyResult::objective).distinct().toList()) {
            if (retired.contains(objective)) {
                continue;
            }
            send("grade", "POST", "/api/objectives/%s/grade".formatted(objective), "{\"reason\": \"end of the half\"}");
            if (hasNext && random.nextDouble() < 0.1) {
                send("carry-forward", "POST", "/api/objectives/%s/carry-forward".formatted(objective),
                     "{\"toCycleId\": \"%s\", \"newObjectiveId\": \"%s-next\", \"reason\": \"still matters\"}"
                             .formatted(next, objective));
            }
        }
        for (int i = 0; i < scaled(50, 1); i++) {
            Initiative about = initiatives.get(random.nextInt(initiatives.size()));
            send("lesson", "POST", "/api/lessons", """
                    {"cycleId": "%s", "subjectId": "%s", "text": "Lesson %d of the half", "tags": ["%s"]}"""
                    .formatted(cycle, about.id(), i, random.nextBoolean() ? "estimates" : "process"));
        }
        send("plan", "POST", "/api/cycles/%s/close".formatted(cycle), "{\"reason\": \"the half is over\"}");
    }

    /** Objectives of the organisation and of teams under them, three key results each; never reaching target. */
    private List<KeyResult> objectives(String prefix, int semester, String cycle, List<String> teams) {
        List<KeyResult> keyResults = new ArrayList<>();
        int count = scaled(500, 2);
        List<String> top = new ArrayList<>();
        for (int o = 0; o < count; o++) {
            String id = "%s-s%d-o%d".formatted(prefix, semester, o);
            boolean organisation = o < Math.max(1, count / 10);
            String owner = organisation ? "" : ", \"ownerTeamId\": \"%s\"".formatted(teams.get(random.nextInt(teams.size())));
            String parent = organisation ? "" : ", \"parentObjectiveId\": \"%s\"".formatted(top.get(random.nextInt(top.size())));
            send("objective", "POST", "/api/objectives", "{\"id\": \"%s\", \"cycleId\": \"%s\", \"title\": \"Objective %d\"%s%s}"
                    .formatted(id, cycle, o, owner, parent));
            if (organisation) {
                top.add(id);
            }
            for (int k = 0; k < 3; k++) {
                BigDecimal baseline = BigDecimal.valueOf(10 + random.nextInt(90));
                BigDecimal target = baseline.add(BigDecimal.valueOf(10 + random.nextInt(50)));
                send("key-result", "POST", "/api/objectives/%s/key-results".formatted(id), """
                        {"id": "kr%d", "title": "Key result %d", "metric": "metric %d", "unit": "points", "baseline": %s, "target": %s}"""
                        .formatted(k, k, k, baseline, target));
                keyResults.add(new KeyResult(id, "kr" + k, baseline, target));
            }
        }
        return keyResults;
    }

    private List<Initiative> initiatives(String prefix, int semester, String cycle, List<String> teams,
                                         List<KeyResult> keyResults) {
        List<Initiative> initiatives = new ArrayList<>();
        for (int i = 0; i < scaled(5000, 4); i++) {
            String id = "%s-s%d-i%d".formatted(prefix, semester, i);
            String team = teams.get(random.nextInt(teams.size()));
            double roll = random.nextDouble();
            String category = roll < 0.45 ? CATEGORIES[0] : roll < 0.8 ? CATEGORIES[1] : CATEGORIES[2];
            send("initiative", "POST", "/api/initiatives", """
                    {"id": "%s", "cycleId": "%s", "teamId": "%s", "title": "Initiative %d of %s", "category": "%s"}"""
                    .formatted(id, cycle, team, i, team, category));
            Initiative scored = score(id, team, category, "first estimate");
            for (int rescore = 0; rescore < (roll < 0.4 ? 1 : 0) + (roll < 0.1 ? 1 : 0); rescore++) {
                scored = score(id, team, category, "estimate revisited");
            }
            if (!initiatives.isEmpty() && random.nextDouble() < 0.1) {
                send("dependency", "POST", "/api/initiatives/%s/dependencies".formatted(id), "{\"dependsOn\": \"%s\"}"
                        .formatted(initiatives.get(random.nextInt(initiatives.size())).id()));
            }
            if (random.nextDouble() < 0.3) {
                KeyResult keyResult = keyResults.get(random.nextInt(keyResults.size()));
                send("link", "POST", "/api/initiatives/%s/key-results".formatted(id),
                     "{\"objectiveId\": \"%s\", \"keyResultId\": \"%s\"}".formatted(keyResult.objective(), keyResult.id()));
            }
            initiatives.add(scored);
        }
        return initiatives;
    }

    private Initiative score(String id, String team, String category, String reason) {
        int reach = (int) Math.round(Math.exp(4.5 + random.nextDouble() * 6)); // about 90 to 36,000 a quarter
        String impact = IMPACTS[random.nextInt(IMPACTS.length)];
        String confidence = CONFIDENCES[random.nextInt(CONFIDENCES.length)];
        BigDecimal effort = BigDecimal.valueOf(5 + random.nextInt(195)).movePointLeft(1); // 0.5 to 19.9
        send("score", "POST", "/api/initiatives/%s/score".formatted(id), """
                {"reach": %d, "impact": %s, "confidence": %s, "effort": %s, "reason": "%s"}"""
                .formatted(reach, impact, confidence, effort, reason));
        double score = reach * Double.parseDouble(impact) * Double.parseDouble(confidence) / effort.doubleValue();
        return new Initiative(id, team, category, effort, score);
    }

    /**
     * Each team commits its best initiatives while they fit: each bucket up to its share (the policy's 50/50), and
     * one team in twenty goes past a bucket's tolerance with a reason (an audited override).
     */
    private List<Initiative> commitAndAllocate(String cycle, List<Initiative> initiatives, Map<String, BigDecimal> capacity) {
        List<Initiative> committed = new ArrayList<>();
        Map<String, BigDecimal[]> spent = new HashMap<>();
        for (Initiative initiative : initiatives.stream().sorted(Comparator.comparingDouble(Initiative::score).reversed()
                                                                           .thenComparing(Initiative::id)).toList()) {
            BigDecimal teamCapacity = capacity.get(initiative.team());
            BigDecimal[] buckets = spent.computeIfAbsent(initiative.team(), team -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            int bucket = initiative.category().equals(CATEGORIES[0]) ? 0 : 1;
            BigDecimal personWeeks = initiative.effort().setScale(0, RoundingMode.CEILING);
            BigDecimal total = buckets[0].add(buckets[1]).add(personWeeks);
            BigDecimal share = teamCapacity.multiply(BigDecimal.valueOf(SHARE)).movePointLeft(2);
            BigDecimal withTolerance = teamCapacity.multiply(BigDecimal.valueOf(SHARE + TOLERANCE)).movePointLeft(2);
            BigDecimal after = buckets[bucket].add(personWeeks);
            boolean overriding = after.compareTo(withTolerance) > 0;
            if (total.compareTo(teamCapacity) > 0 || after.compareTo(share) > 0
                    && (!overriding || Math.floorMod(initiative.team().hashCode(), 20) != 0)) {
                continue;
            }
            decide("commit", initiative, "{\"reason\": \"fits the plan\"}");
            send("allocation", "POST", "/api/cycles/%s/teams/%s/allocations".formatted(cycle, initiative.team()),
                 overriding ? "{\"initiativeId\": \"%s\", \"personWeeks\": %s, \"override\": {\"reason\": \"worth it this half\"}}"
                                      .formatted(initiative.id(), personWeeks)
                            : "{\"initiativeId\": \"%s\", \"personWeeks\": %s}".formatted(initiative.id(), personWeeks));
            buckets[bucket] = after;
            committed.add(initiative);
        }
        return committed;
    }

    /**
     * Every key result is checked in each week, creeping towards its target; objectives are reviewed each quarter
     * (one in twenty retired); some initiatives finish on the way. Answers the retired objectives.
     */
    private Set<String> checkIns(List<KeyResult> keyResults, List<Initiative> started) {
        Set<String> retired = new HashSet<>();
        int completions = 0;
        for (int week = 1; week <= WEEKS; week++) {
            for (KeyResult keyResult : keyResults) {
                if (retired.contains(keyResult.objective())) {
                    continue;
                }
                double progress = Math.min(0.95, week / (double) WEEKS * (0.6 + random.nextDouble() * 0.3));
                BigDecimal value = keyResult.baseline().add(keyResult.target().subtract(keyResult.baseline())
                                                                     .multiply(BigDecimal.valueOf(progress)))
                                            .setScale(1, RoundingMode.DOWN);
                send("check-in", "POST", "/api/objectives/%s/key-results/%s/check-ins".formatted(keyResult.objective(),
                                                                                              keyResult.id()),
                     "{\"value\": %s, \"confidence\": %s}".formatted(value, CONFIDENCES[random.nextInt(CONFIDENCES.length)]));
            }
            if (week == WEEKS / 2 || week == WEEKS) {
                for (String objective : keyResults.stream().map(KeyResult::objective).distinct().toList()) {
                    if (retired.contains(objective)) {
                        continue;
                    }
                    boolean retire = week == WEEKS / 2 && random.nextDouble() < 0.05;
                    send("review", "POST", "/api/objectives/%s/reviews".formatted(objective),
                         "{\"outcome\": \"%s\", \"reason\": \"quarterly review\"}".formatted(retire ? "RETIRE" : "KEEP"));
                    if (retire) {
                        retired.add(objective);
                    }
                }
            }
            while (completions < started.size() * 0.4 * week / WEEKS) {
                decide("complete", started.get(completions++), null);
            }
        }
        return retired;
    }

    private void decide(String decision, Initiative initiative, String json) {
        send(decision, "POST", "/api/initiatives/%s/%s".formatted(initiative.id(), decision), json == null ? "{}" : json);
    }

    private void startCycle(String prefix, int semester) {
        LocalDate start = LocalDate.of(2030, 1, 1).plusMonths(6L * semester);
        send("cycle", "POST", "/api/cycles", "{\"id\": \"%s\", \"name\": \"Semester %d\", \"startDate\": \"%s\", \"endDate\": \"%s\"}"
                .formatted(cycleId(prefix, semester), semester + 1, start, start.plusMonths(6).minusDays(1)));
    }

    private static String cycleId(String prefix, int semester) {
        return prefix + "-s" + semester;
    }

    private int scaled(int full, int least) {
        return Math.max(least, (int) Math.round(full * size));
    }

    private void send(String kind, String method, String path, String json) {
        sent.merge(kind, 1, Integer::sum);
        int status = sink.send(new Request(method, path, json));
        if (status < 200 || status > 299) {
            refused++;
            if (firstRefusals.size() < 10) {
                firstRefusals.add(status + " " + method + " " + path + " " + json);
            }
        }
    }
}
