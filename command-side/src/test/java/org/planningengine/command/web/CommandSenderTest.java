package org.planningengine.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.concurrency.ExpectedVersion;
import org.planningengine.command.concurrency.UnexpectedVersion;
import org.planningengine.command.cycle.CommitPlan;
import org.planningengine.command.team.RegisterTeam;
import org.planningengine.eventlog.MongoEventLog;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A command that loses an append race to another writer is decided again, a bounded number of times; the log's own
 * refusals become the domain's. The command gateway and the log are the edges stood in for.
 */
class CommandSenderTest {

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final MongoEventLog log = mock(MongoEventLog.class);
    private final CommandSender sender = new CommandSender(gateway, log, new IdempotentAnswers(log),
                                                           new CurrentRequest(), new ObjectMapper());
    private final RegisterTeam register = new RegisterTeam("payments", "Payments", null);
    private final CommitPlan commit = new CommitPlan("2027-s1", null);
    private final MockHttpServletRequest request = new MockHttpServletRequest();

    @BeforeEach
    void aRequestOfASignedInUser() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("maria", null, "ROLE_PLANNER"));
    }

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCommandThatLostARaceIsDecidedAgain() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new ConcurrencyException("sequence 3 taken"))
                .thenThrow(new AggregateStreamCreationException("identifier team:payments taken"))
                .thenReturn(new AppliedVersion());
        when(log.lastSequenceNumberFor("team:payments")).thenReturn(Optional.of(0L));
        when(log.positionOf("team:payments", 0)).thenReturn(OptionalLong.of(41));

        WriteResult result = sender.send("payments", register);

        assertThat(result).isEqualTo(new WriteResult("payments", 0, "41"));
        verify(gateway, times(3)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void losingEveryTimeIsAConflictToSendAgain() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new ConcurrencyException("sequence 3 taken"));

        assertThatThrownBy(() -> sender.send("payments", register))
                .isInstanceOf(StateConflict.class)
                .hasMessage("team payments was changed by other writes at the same time, 3 times over; nothing was "
                            + "appended, send it again");
        verify(gateway, times(CommandSender.ATTEMPTS)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void anAggregateWithoutEventsIsUnknown() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new AggregateNotFoundException("team:payments", "no events"));

        assertThatThrownBy(() -> sender.send("payments", register))
                .isInstanceOf(UnknownReference.class).hasMessage("team payments does not exist");
        verify(gateway, times(1)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void theVersionTheClientExpectsTravelsWithTheCommand() {
        request.addHeader("If-Match", "\"3\"");
        ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
        when(gateway.sendAndWait(sent.capture())).thenReturn(new AppliedVersion());
        when(log.lastSequenceNumberFor("cycle:2027-s1")).thenReturn(Optional.of(3L));
        when(log.positionOf("cycle:2027-s1", 3)).thenReturn(OptionalLong.of(57));

        sender.send("2027-s1", commit);

        assertThat(ExpectedVersion.of(sent.getValue().getMetaData())).isEqualTo(ExpectedVersion.of(3));
    }

    @Test
    void anyVersionTravelsAsAStar() {
        request.addHeader("If-Match", "*");
        ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
        when(gateway.sendAndWait(sent.capture())).thenReturn(new AppliedVersion());
        when(log.lastSequenceNumberFor("cycle:2027-s1")).thenReturn(Optional.of(3L));
        when(log.positionOf("cycle:2027-s1", 3)).thenReturn(OptionalLong.of(57));

        sender.send("2027-s1", commit);

        assertThat(sent.getValue().getMetaData()).containsEntry(ExpectedVersion.META_DATA, "*");
    }

    /** Decided again, the command meets the check again, and the version the other writer left refuses it. */
    @Test
    void aLostRaceUnderAnExpectedVersionIsRefusedRatherThanDecidedOnWhatTheOtherWriterAppended() {
        request.addHeader("If-Match", "\"3\"");
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new ConcurrencyException("sequence 4 taken"))
                .thenThrow(new UnexpectedVersion("cycle:2027-s1", ExpectedVersion.of(3), 4L));

        assertThatThrownBy(() -> sender.send("2027-s1", commit))
                .isInstanceOfSatisfying(UnexpectedVersion.class,
                                        refused -> assertThat(refused.currentVersion()).isEqualTo(4L));
        // the refusal is decided once more from the log, in case it came from a stale copy in memory
        verify(gateway, times(3)).sendAndWait(any(CommandMessage.class));
    }

    /** The copy in memory may be behind another engine's appends; the refusal evicted it, the log decides. */
    @Test
    void aRefusalIsDecidedOnceMoreAndTheSecondAnswerStands() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new StateConflict("initiative checkout is proposed, not committed"))
                .thenReturn(new AppliedVersion());
        when(log.lastSequenceNumberFor("cycle:2027-s1")).thenReturn(Optional.of(3L));
        when(log.positionOf("cycle:2027-s1", 3)).thenReturn(OptionalLong.of(57));

        assertThat(sender.send("2027-s1", commit).version()).isEqualTo(3);
        verify(gateway, times(2)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void aRefusalThatTheLogConfirmsIsAnsweredAfterTwoDecisions() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new RuleViolated("reach", "reach is 0"));

        assertThatThrownBy(() -> sender.send("2027-s1", commit)).isInstanceOf(RuleViolated.class);
        verify(gateway, times(2)).sendAndWait(any(CommandMessage.class));
    }

    @ParameterizedTest(name = "If-Match: {0}")
    @ValueSource(strings = {"3", "W/\"3\"", "\"3\", \"4\"", "\"03\"", "\"-1\"", "\"three\"", "\"\"", "'3'",
                            "\"99999999999999999999\"", "**"})
    void anIfMatchThatNamesNoVersionIsMalformedAndNothingIsSent(String ifMatch) {
        request.addHeader("If-Match", ifMatch);

        assertThatThrownBy(() -> sender.send("2027-s1", commit))
                .isInstanceOfSatisfying(ErrorResponseException.class, malformed -> {
                    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
                    assertThat(malformed.getBody().getDetail()).isEqualTo(
                            "If-Match must be one version in quotes, as a read's ETag gives it (\"3\"), or * for any "
                            + "version; was " + ifMatch);
                });
        verify(gateway, never()).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void twoIfMatchHeadersAreAListAndMalformedToo() {
        request.addHeader("If-Match", "\"3\"");
        request.addHeader("If-Match", "\"4\"");

        assertThatThrownBy(() -> sender.send("2027-s1", commit)).isInstanceOf(ErrorResponseException.class);
        verify(gateway, never()).sendAndWait(any(CommandMessage.class));
    }
}
