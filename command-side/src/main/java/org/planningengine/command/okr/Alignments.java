package org.planningengine.command.okr;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Keeps a carried-forward objective's place in the alignment tree, in the unit of work of the carry-forward, so that
 * every objective's events are one commit of the log (decision record 0015). Whichever of a parent and its child is
 * carried into a cycle second puts the child's successor under the parent's successor: a child asks its parent
 * ({@link NoteChildCarriedForward}); a parent has the successors of the children it was told about follow it
 * ({@link FollowParentForward}).
 * <p>
 * Locks are taken from a child to its parent within a cycle, and from a parent to objectives of a later cycle, never
 * the other way: no two carry-forwards wait for each other.
 */
@Component
public class Alignments {

    private final Supplier<Repository<Objective>> objectives;

    /** On the engine's repository of objectives, found once the Axon configuration is built (it needs this one). */
    @Autowired
    public Alignments(ObjectProvider<Configuration> axon) {
        this(() -> axon.getObject().repository(Objective.class));
    }

    /** On a repository of objectives of one's own (an aggregate test's, for the objectives it does not test). */
    public Alignments(Supplier<Repository<Objective>> objectives) {
        this.objectives = objectives;
    }

    /** The parent's successor the child's successor goes under, or null for none (yet). */
    String childCarriedForward(NoteChildCarriedForward note) throws Exception {
        return (String) objectives.get().load(note.aggregateId())
                                  .handle(GenericCommandMessage.asCommandMessage(note));
    }

    /** The child's successor follows its predecessor's parent into its cycle, where nothing speaks against it. */
    void follow(FollowParentForward follow) throws Exception {
        objectives.get().load(follow.aggregateId()).handle(GenericCommandMessage.asCommandMessage(follow));
    }
}
