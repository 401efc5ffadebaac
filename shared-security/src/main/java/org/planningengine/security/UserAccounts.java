package org.planningengine.security;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The users kept in MongoDB (collection {@code users}), shared by every replica of both sides: name, password hash,
 * roles, and who changed them last. Not events: a password hash has no place in a log that is never rewritten.
 */
public class UserAccounts {

    static final String COLLECTION = "users";

    public record Account(String name, String passwordHash, List<Grant> grants, String updatedBy, Instant updatedAt) {
    }

    private final MongoCollection<Document> users;

    public UserAccounts(MongoDatabase database) {
        this.users = database.getCollection(COLLECTION);
    }

    public Optional<Account> find(String name) {
        return Optional.ofNullable(users.find(Filters.eq("_id", name)).first()).map(UserAccounts::account);
    }

    public List<Account> all() {
        return users.find().map(UserAccounts::account).into(new ArrayList<>());
    }

    public void save(Account account) {
        users.replaceOne(Filters.eq("_id", account.name()), document(account), new ReplaceOptions().upsert(true));
    }

    /** Stores the account unless one of that name exists; answers whether it did. */
    public boolean create(Account account) {
        try {
            users.insertOne(document(account));
            return true;
        } catch (MongoWriteException write) {
            if (write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw write;
        }
    }

    public boolean delete(String name) {
        return users.deleteOne(Filters.eq("_id", name)).getDeletedCount() > 0;
    }

    boolean none() {
        return users.find().limit(1).first() == null;
    }

    private static Document document(Account account) {
        return new Document("_id", account.name())
                .append("passwordHash", account.passwordHash())
                .append("roles", account.grants().stream().map(Grant::toString).toList())
                .append("updatedBy", account.updatedBy())
                .append("updatedAt", Date.from(account.updatedAt()));
    }

    private static Account account(Document document) {
        return new Account(document.getString("_id"), document.getString("passwordHash"),
                           document.getList("roles", String.class).stream().map(Grant::parse).toList(),
                           document.getString("updatedBy"), document.getDate("updatedAt").toInstant());
    }
}
