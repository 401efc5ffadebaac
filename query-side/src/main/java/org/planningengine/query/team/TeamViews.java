package org.planningengine.query.team;

import com.mongodb.client.MongoDatabase;
import org.planningengine.query.views.AggregateViews;
import org.springframework.stereotype.Component;

/** {@code view_teams}: one document per registered team, its name and the group it belongs to. */
@Component
public class TeamViews extends AggregateViews {

    public static final String COLLECTION = "view_teams";

    public TeamViews(MongoDatabase planningDatabase) {
        super(planningDatabase, COLLECTION);
    }
}
