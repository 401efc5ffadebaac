package org.planningengine.query.webhooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.conversions.Bson;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.feed.IntegrationEvents;
import org.planningengine.query.team.TeamViews;
import org.planningengine.query.views.BadQuery;
import org.planningengine.query.views.ViewNotFound;
import org.planningengine.query.views.ViewOutOfRange;
import org.planningengine.query.webhooks.Deliveries.Attempt;
import org.planningengine.query.webhooks.Deliveries.Delivery;
import org.planningengine.query.webhooks.Subscriptions.Status;
import org.planningengine.query.webhooks.Subscriptions.Subscription;
import org.planningengine.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Webhook subscriptions, for planners and administrators: register, list, change, pause, resume, delete, and each
 * one's deliveries with their attempts. Bodies are read strictly (an unknown or repeated field is refused); a url the
 * engine must not call is {@code 422}. The secret is never answered.
 */
@RestController
@Tag(name = "Webhooks", description = "Subscriptions that push integration events to a url, signed, retried")
class WebhookApi {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MIN_SECRET = 16;
    private static final int MAX_SECRET = 256;
    private static final int MAX_PAGE_SIZE = 200;
    private static final Set<String> CREATE_FIELDS = Set.of("id", "url", "types", "cycle", "team", "secret", "after");
    private static final Set<String> CHANGE_FIELDS = Set.of("url", "types", "cycle", "team", "secret");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A subscription as the API shows it: everything but its secret. */
    record Webhook(String id, String url, List<String> types, String cycle, String team, Status status,
                   String pausedReason, Long cursor, String createdBy, Instant createdAt, String updatedBy,
                   Instant updatedAt) {

        static Webhook of(Subscription subscription) {
            return new Webhook(subscription.id(), subscription.url(), subscription.types(), subscription.cycleId(),
                               subscription.teamId(), subscription.status(), subscription.pausedReason(),
                               subscription.cursor(), subscription.createdBy(), subscription.createdAt(),
                               subscription.updatedBy(), subscription.updatedAt());
        }
    }

    record Webhooks(List<Webhook> webhooks) {
    }

    /** A registration's body as the API description shows it; {@link #create} reads it field by field, strictly. */
    @Schema(name = "WebhookRegistration", requiredProperties = {"url", "secret"})
    record Registration(
            @Schema(description = "1 to 64 lowercase letters, digits or dashes; none for one made up",
                    pattern = "^[a-z0-9][a-z0-9-]{0,63}$") String id,
            @Schema(description = "Where deliveries are POSTed: http(s), not the engine itself, nor a link-local "
                                  + "or metadata address", format = "uri") String url,
            @Schema(description = "Only integration events of these types; none for all") List<String> types,
            @Schema(description = "Only events of this cycle (its id)") String cycle,
            @Schema(description = "Only events of this team (its id)") String team,
            @Schema(description = "The HMAC-SHA256 key deliveries are signed with, 16 to 256 characters; never "
                                  + "answered", minLength = MIN_SECRET, maxLength = MAX_SECRET) String secret,
            @Schema(description = "The feed's position to deliver after (0 for everything); none for the feed's "
                                  + "end", minimum = "0") Long after) {
    }

    /** A change's body as the API description shows it: the fields given change, the others stay. */
    @Schema(name = "WebhookChange")
    record Change(@Schema(format = "uri") String url, List<String> types, String cycle, String team,
                  @Schema(minLength = MIN_SECRET, maxLength = MAX_SECRET) String secret) {
    }

    /**
     * @param attempts     how many times it was sent
     * @param lastAttempts the latest attempts, up to {@link Deliveries#KEPT_ATTEMPTS}
     */
    record DeliveryView(String id, long position, String eventId, String type, Instant eventAt,
                        Deliveries.Status status, int attempts, List<Attempt> lastAttempts, Instant firstAttemptAt,
                        Instant nextAttemptAt, Instant deliveredAt) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.id(), delivery.position(), delivery.eventId(), delivery.type(),
                                    delivery.eventAt(), delivery.status(), delivery.attemptCount(),
                                    delivery.attempts(), delivery.firstAttemptAt(), delivery.nextAttemptAt(),
                                    delivery.deliveredAt());
        }
    }

    record DeliveryPage(String webhookId, List<DeliveryView> deliveries, int page, int size, long total) {
    }

    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final WebhookUrls urls;
    private final CycleViews cycles;
    private final TeamViews teams;
    private final EventStorageEngine log;
    private final Clock clock = Clock.systemUTC();

    WebhookApi(Subscriptions subscriptions, Deliveries deliveries, WebhookUrls urls, CycleViews cycles,
               TeamViews teams, EventStorageEngine log) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.urls = urls;
        this.cycles = cycles;
        this.teams = teams;
        this.log = log;
    }

    /** From the feed's current end unless {@code after} names a position (0 or more) to start after. */
    @Operation(summary = "Register a webhook subscription")
    @LeastRole(Role.PLANNER)
    @PostMapping("/api/webhooks")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = Registration.class)))
    @ApiResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Webhook.class)))
    ResponseEntity<Webhook> create(@RequestBody String body) {
        JsonNode fields = fields(body, CREATE_FIELDS);
        String id = text(fields, "id", false);
        if (id == null) {
            id = "wh-" + HexFormat.of().formatHex(randomBytes());
        } else if (!ID.matcher(id).matches()) {
            throw new BadQuery("id", "id must be 1 to 64 lowercase letters, digits or dashes (was '" + id + "')");
        }
        String url = url(text(fields, "url", true));
        List<String> types = types(fields);
        String cycle = cycle(text(fields, "cycle", false));
        String team = team(text(fields, "team", false));
        String secret = secret(text(fields, "secret", true));
        Long after = fields.has("after") ? position(fields.get("after")) : end();
        Instant now = clock.instant();
        Subscription subscription = new Subscription(id, url, types, cycle, team, secret, Status.ACTIVE, null, after,
                                                     Caller.name(), now, Caller.name(), now);
        subscriptions.create(subscription);
        return ResponseEntity.created(URI.create("/api/webhooks/" + id)).body(Webhook.of(subscription));
    }

    @Operation(summary = "The webhook subscriptions")
    @LeastRole(Role.PLANNER)
    @GetMapping("/api/webhooks")
    Webhooks list() {
        return new Webhooks(subscriptions.all().stream().map(Webhook::of).toList());
    }

    @Operation(summary = "A webhook subscription")
    @LeastRole(Role.PLANNER)
    @GetMapping("/api/webhooks/{id}")
    Webhook one(@PathVariable String id) {
        return Webhook.of(require(id));
    }

    /** Changes the fields given; the cursor stays where it is. */
    @Operation(summary = "Change a webhook subscription")
    @LeastRole(Role.PLANNER)
    @PatchMapping("/api/webhooks/{id}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = Change.class)))
    Webhook change(@PathVariable String id, @RequestBody String body) {
        require(id);
        JsonNode fields = fields(body, CHANGE_FIELDS);
        List<Bson> sets = new ArrayList<>();
        if (fields.has("url")) {
            sets.add(Updates.set("url", url(text(fields, "url", true))));
        }
        if (fields.has("types")) {
            sets.add(Updates.set("types", types(fields)));
        }
        if (fields.has("cycle")) {
            sets.add(Updates.set("cycleId", cycle(text(fields, "cycle", false))));
        }
        if (fields.has("team")) {
            sets.add(Updates.set("teamId", team(text(fields, "team", false))));
        }
        if (fields.has("secret")) {
            sets.add(Updates.set("secret", secret(text(fields, "secret", true))));
        }
        subscriptions.change(id, sets, Caller.name(), clock.instant());
        return one(id);
    }

    @Operation(summary = "Pause a webhook subscription")
    @LeastRole(Role.PLANNER)
    @PostMapping("/api/webhooks/{id}/pause")
    Webhook pause(@PathVariable String id) {
        require(id);
        subscriptions.change(id, List.of(Updates.set("status", Status.PAUSED.name()),
                                         Updates.set("pausedReason", "paused by " + Caller.name())),
                             Caller.name(), clock.instant());
        return one(id);
    }

    /** Goes on where it stopped: a delivery that kept failing is tried again at once. */
    @Operation(summary = "Resume a paused webhook subscription")
    @LeastRole(Role.PLANNER)
    @PostMapping("/api/webhooks/{id}/resume")
    Webhook resume(@PathVariable String id) {
        require(id);
        deliveries.dueNow(id, clock.instant());
        subscriptions.change(id, List.of(Updates.set("status", Status.ACTIVE.name()),
                                         Updates.set("pausedReason", null)),
                             Caller.name(), clock.instant());
        return one(id);
    }

    @Operation(summary = "Delete a webhook subscription")
    @LeastRole(Role.PLANNER)
    @DeleteMapping("/api/webhooks/{id}")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable String id) {
        require(id);
        subscriptions.delete(id);
        deliveries.deleteAll(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A subscription's deliveries, newest first, with their attempts")
    @LeastRole(Role.PLANNER)
    @GetMapping("/api/webhooks/{id}/deliveries")
    DeliveryPage deliveries(@PathVariable String id, @RequestParam(defaultValue = "0") String page,
                            @RequestParam(defaultValue = "50") String size) {
        require(id);
        int pageNumber = number("page", page, 0, 1_000_000);
        int pageSize = number("size", size, 1, MAX_PAGE_SIZE);
        return new DeliveryPage(id, deliveries.page(id, pageNumber, pageSize).stream().map(DeliveryView::of)
                                              .toList(), pageNumber, pageSize, deliveries.count(id));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> idTaken(Subscriptions.IdTaken taken) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, taken.getMessage());
        problem.setType(URI.create("urn:planning-engine:problem:state-conflict"));
        problem.setTitle("Not allowed in the current state");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    private Subscription require(String id) {
        return subscriptions.find(id).orElseThrow(() -> new ViewNotFound("webhook " + id + " does not exist"));
    }

    /** The feed's end now: a new subscription is sent what happens from here on. */
    private Long end() {
        GapAwareTrackingToken head = (GapAwareTrackingToken) log.createHeadToken();
        if (head == null) {
            return null;
        }
        return head.getGaps().isEmpty() ? head.getIndex() : head.getGaps().first() - 1;
    }

    private static JsonNode fields(String body, Set<String> allowed) {
        JsonNode fields;
        try {
            fields = STRICT.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new BadQuery("body", "the body is not JSON as expected: " + malformed.getOriginalMessage());
        }
        if (fields == null || !fields.isObject()) {
            throw new BadQuery("body", "the body must be a JSON object");
        }
        for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new BadQuery(name, "unknown field " + name + "; the body takes " + new TreeSet<>(allowed));
            }
        }
        return fields;
    }

    private static String text(JsonNode fields, String name, boolean required) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadQuery(name, name + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadQuery(name, name + " must be text");
        }
        return value.asText();
    }

    private String url(String url) {
        urls.refusal(url).ifPresent(refusal -> {
            throw new ViewOutOfRange("url", refusal);
        });
        return url;
    }

    private static List<String> types(JsonNode fields) {
        JsonNode value = fields.get("types");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new BadQuery("types", "types must be a list of event types");
        }
        Set<String> types = new TreeSet<>();
        for (JsonNode type : value) {
            if (!type.isTextual() || !IntegrationEvents.TYPES.contains(type.asText())) {
                throw new BadQuery("types", "the feed carries no events of type " + type + "; it carries "
                                            + String.join(", ", IntegrationEvents.TYPES));
            }
            types.add(type.asText());
        }
        return List.copyOf(types);
    }

    private String cycle(String cycle) {
        if (cycle != null) {
            cycles.require(cycle, null);
        }
        return cycle;
    }

    private String team(String team) {
        if (team != null) {
            teams.require("team", team, null);
        }
        return team;
    }

    private static String secret(String secret) {
        if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            throw new ViewOutOfRange("secret", "secret must be " + MIN_SECRET + " to " + MAX_SECRET
                                               + " characters (was " + secret.length() + ")");
        }
        if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ViewOutOfRange("secret", "secret must be printable ASCII characters without spaces");
        }
        return secret;
    }

    private static Long position(JsonNode after) {
        if (!after.isIntegralNumber() || after.asLong() < 0) {
            throw new BadQuery("after", "after must be a position of the feed, a whole number of 0 or more");
        }
        return after.asLong();
    }

    private static int number(String parameter, String value, int min, int max) {
        int number;
        try {
            number = Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new BadQuery(parameter, parameter + " must be a whole number (was '" + value + "')");
        }
        if (number < min || number > max) {
            throw new ViewOutOfRange(parameter, parameter + " must be " + min + " to " + max + " (was " + number + ")");
        }
        return number;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
