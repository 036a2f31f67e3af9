package io.github.distributedcounter.emulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.distributedcounter.emulator.internal.expression.ExpressionContext;
import io.github.distributedcounter.emulator.internal.expression.Projection;

/**
 * TransactWriteItems and TransactGetItems.
 * <p>
 * A transaction holds up to 100 actions on distinct items, in one or more tables; two actions on one item are a
 * ValidationException. A write transaction's Put, Update, Delete and ConditionCheck are all-or-nothing: the
 * conditions of all actions are evaluated against the items as they are, and if any fails (or an update cannot
 * be applied, or a throttle refuses an action) nothing is written and the answer is a
 * TransactionCanceledException whose {@code CancellationReasons} give, per action and in order, its code
 * ({@code None} for an action that would have succeeded), message and, when asked with
 * {@code ReturnValuesOnConditionCheckFailure}, the item. A read transaction returns its items in request order,
 * an empty object for an item that does not exist. Both hold the write locks of their tables (taken in name
 * order), so no single-item write, and no other transaction, interleaves with them: they are serialisable.
 * <p>
 * A {@code ClientRequestToken} makes TransactWriteItems idempotent: the same request with the same token within
 * ten minutes of its completion returns success again without writing (reporting read capacity, as DynamoDB
 * does); the same token with any other parameter changed is an IdempotentParameterMismatchException, and while
 * the first request is still running, a TransactionInProgressException. A transaction that was cancelled leaves
 * its token free.
 * <p>
 * A transaction consumes twice the capacity of the same reads and writes outside one.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html">
 *     TransactWriteItems</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html">
 *     TransactGetItems</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CancellationReason.html">
 *     CancellationReason</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html">
 *     Amazon DynamoDB Transactions: how it works</a>
 */
final class Transactions {

    static final int MAX_ACTIONS = 100;
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;
    static final Duration TOKEN_VALIDITY = Duration.ofMinutes(10);
    private static final int MAX_TOKEN_LENGTH = 36;
    /** The cancellation reason of an action that would have succeeded. */
    private static final Map<String, Object> NONE = Map.of("Code", "None");

    private final Engine engine;
    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();

    Transactions(Engine engine) {
        this.engine = engine;
    }

    /** A request seen with a client token; its replay response is set once it has completed. */
    private static final class Token {
        final Map<String, Object> request;
        volatile Map<String, Object> replay;
        volatile Instant completed;

        Token(Map<String, Object> request) {
            this.request = request;
        }

        boolean expired(Instant now) {
            Instant at = completed;
            return at != null && !now.isBefore(at.plus(TOKEN_VALIDITY));
        }
    }

    /** One action of a transaction, with what it found and what it would leave. */
    private static final class Action {
        final ItemWrite write;
        Map<String, Value> before;
        Map<String, Value> after;
        double units;

        Action(ItemWrite write) {
            this.write = write;
        }
    }

    Map<String, Object> transactWriteItems(Map<String, Object> request) {
        List<Object> items = transactItems(request, "TransactWriteItem");
        String token = Requests.string(request, "ClientRequestToken");
        if (token != null && (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH)) {
            throw ServiceError.validation("1 validation error detected: Value '" + token + "' at 'clientRequestToken' "
                    + "failed to satisfy constraint: Member must have length " + (token.isEmpty()
                    ? "greater than or equal to 1" : "less than or equal to " + MAX_TOKEN_LENGTH));
        }
        String returnConsumedCapacity = Capacity.returnConsumedCapacity(request);
        Requests.returnItemCollectionMetrics(request);
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            actions.add(new Action(writeAction(Requests.asMap(items.get(i)), "transactItems." + (i + 1) + ".member.")));
        }
        distinctItems(actions.stream().map(action -> action.write).map(w -> new Target(w.table, w.key)).toList());
        long putBytes = 0;
        for (Action action : actions) {
            if (action.write.kind == ItemWrite.Kind.PUT) {
                putBytes += Value.itemSize(action.write.after(null));
            }
        }
        checkAggregateSize(putBytes);

        if (token == null) {
            return execute(actions, returnConsumedCapacity).response;
        }
        Instant now = engine.clock().instant();
        tokens.values().removeIf(t -> t.expired(now));
        Token fresh = new Token(request);
        Token[] earlier = new Token[1];
        tokens.compute(token, (t, existing) -> {
            if (existing == null || existing.expired(now)) {
                return fresh;
            }
            earlier[0] = existing;
            return existing;
        });
        if (earlier[0] != null) {
            if (!earlier[0].request.equals(request)) {
                throw ServiceError.idempotentParameterMismatch(
                        "The request uses the same client token as a previous, but non-identical request.");
            }
            if (earlier[0].completed == null) {
                throw ServiceError.transactionInProgress("The transaction with the given request token is already "
                        + "in progress.");
            }
            return earlier[0].replay;
        }
        try {
            Executed executed = execute(actions, returnConsumedCapacity);
            fresh.replay = executed.replay;
            fresh.completed = engine.clock().instant();
            return executed.response;
        } catch (RuntimeException e) {
            tokens.remove(token, fresh);
            throw e;
        }
    }

    private record Executed(Map<String, Object> response, Map<String, Object> replay) {
    }

    /** Evaluates every action under the tables' write locks, then writes them all or throws the cancellation. */
    private Executed execute(List<Action> actions, String returnConsumedCapacity) {
        List<Table> tables = actions.stream().map(action -> action.write.table).toList();
        return Table.exclusively(tables, () -> {
            List<Map<String, Object>> reasons = new ArrayList<>();
            boolean cancelled = false;
            long bytes = 0;
            for (Action action : actions) {
                ItemWrite write = action.write;
                action.before = write.table.get(write.key);
                Map<String, Object> reason = NONE;
                try {
                    if (!write.conditionHolds(action.before)) {
                        throw ServiceError.conditionalCheckFailed(write.itemOnFailure(action.before));
                    }
                    action.after = write.after(action.before);
                    action.units = Capacity.transactionalWriteUnits(action.before, action.after);
                    engine.throttle().admitWrite(write.table, write.key, action.units);
                    if (write.kind != ItemWrite.Kind.CONDITION_CHECK && action.after != null) {
                        bytes += Value.itemSize(action.after);
                    }
                } catch (ServiceError error) {
                    reason = reasonOf(error);
                }
                cancelled |= reason != NONE;
                reasons.add(reason);
            }
            if (cancelled) {
                throw ServiceError.transactionCanceled(reasons);
            }
            checkAggregateSize(bytes);
            for (Action action : actions) {
                if (action.write.kind != ItemWrite.Kind.CONDITION_CHECK) {
                    Map<String, Value> after = action.after;
                    action.write.table.write(action.write.key, (k, current) -> after);
                }
            }
            Map<String, Double> writeUnits = new LinkedHashMap<>();
            Map<String, Double> readUnits = new LinkedHashMap<>();
            for (Action action : actions) {
                String table = action.write.table.name;
                writeUnits.merge(table, action.units, Double::sum);
                Map<String, Value> larger = action.before == null ? action.after
                        : action.after == null || Value.itemSize(action.before) >= Value.itemSize(action.after)
                        ? action.before : action.after;
                readUnits.merge(table, Capacity.transactionalReadUnits(larger), Double::sum);
            }
            return new Executed(response(returnConsumedCapacity, writeUnits),
                    response(returnConsumedCapacity, readUnits));
        });
    }

    Map<String, Object> transactGetItems(Map<String, Object> request) {
        List<Object> items = transactItems(request, "TransactGetItem");
        String returnConsumedCapacity = Capacity.returnConsumedCapacity(request);
        List<Target> targets = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> get = Requests.map(Requests.asMap(items.get(i)), "Get");
            if (get == null) {
                throw ServiceError.validation("1 validation error detected: Value null at 'transactItems." + (i + 1)
                        + ".member.get' failed to satisfy constraint: Member must not be null");
            }
            Table table = engine.table(get);
            Table.ItemKey key = table.key(AttributeValues.item(get.get("Key")));
            ExpressionContext context = ItemOperations.context(get);
            projections.add(ItemOperations.projection(get, context));
            context.checkAllUsed();
            targets.add(new Target(table, key));
        }
        distinctItems(targets);
        return Table.exclusively(targets.stream().map(Target::table).toList(), () -> {
            List<Map<String, Value>> found = new ArrayList<>();
            List<Map<String, Object>> reasons = new ArrayList<>();
            Map<String, Double> units = new LinkedHashMap<>();
            boolean cancelled = false;
            for (Target target : targets) {
                Map<String, Value> item = target.table.get(target.key);
                double itemUnits = Capacity.transactionalReadUnits(item);
                Map<String, Object> reason = NONE;
                try {
                    engine.throttle().admitRead(target.table, target.key, itemUnits);
                } catch (ServiceError error) {
                    reason = reasonOf(error);
                    cancelled = true;
                }
                reasons.add(reason);
                found.add(item);
                units.merge(target.table.name, itemUnits, Double::sum);
            }
            if (cancelled) {
                throw ServiceError.transactionCanceled(reasons);
            }
            List<Object> responses = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                Map<String, Value> item = found.get(i);
                Projection projection = projections.get(i);
                responses.add(item == null ? Map.of()
                        : Map.of("Item", projection == null ? item : projection.apply(item)));
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("Responses", responses);
            response.putAll(response(returnConsumedCapacity, units));
            return response;
        });
    }

    /** The {@code TransactItems} list: present, with 1 to 100 members. */
    private static List<Object> transactItems(Map<String, Object> request, String modelType) {
        List<Object> items = Requests.list(request, "TransactItems");
        if (items == null) {
            throw ServiceError.validation("1 validation error detected: Value null at 'transactItems' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        if (items.isEmpty() || items.size() > MAX_ACTIONS) {
            throw ServiceError.validation("1 validation error detected: Value '" + Requests.dump(items, modelType)
                    + "' at 'transactItems' failed to satisfy constraint: Member must have length "
                    + (items.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_ACTIONS));
        }
        return items;
    }

    /** One TransactWriteItem: exactly one of Put, Update, Delete and ConditionCheck. */
    private ItemWrite writeAction(Map<String, Object> item, String path) {
        String kind = null;
        for (String member : List.of("ConditionCheck", "Put", "Delete", "Update")) {
            if (item.get(member) != null) {
                if (kind != null) {
                    kind = "";
                    break;
                }
                kind = member;
            }
        }
        if (kind == null || kind.isEmpty()) {
            throw ServiceError.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        Map<String, Object> action = Requests.map(item, kind);
        Table table = engine.table(action);
        String memberPath = path + Requests.decapitalize(kind) + ".";
        return switch (kind) {
            case "Put" -> ItemWrite.put(table, action, memberPath + "item");
            case "Update" -> ItemWrite.update(table, action, memberPath + "updateExpression");
            case "Delete" -> ItemWrite.delete(table, action);
            default -> ItemWrite.conditionCheck(table, action, memberPath + "conditionExpression");
        };
    }

    private record Target(Table table, Table.ItemKey key) {
    }

    private static void distinctItems(List<Target> targets) {
        Set<List<Object>> seen = new HashSet<>();
        for (Target target : targets) {
            if (!seen.add(List.of(target.table.name, target.key))) {
                throw ServiceError.validation("Transaction request cannot include multiple operations on one item");
            }
        }
    }

    private static void checkAggregateSize(long bytes) {
        if (bytes > MAX_TRANSACTION_BYTES) {
            throw ServiceError.validation("Collection size of items exceeded, which can also be caused by the "
                    + "aggregate size of the items in the transaction exceeding the 4MB limit");
        }
    }

    /** The cancellation reason of an action that failed with {@code error}. */
    private static Map<String, Object> reasonOf(ServiceError error) {
        String code = switch (error.shortType()) {
            case "ConditionalCheckFailedException" -> "ConditionalCheckFailed";
            case "ValidationException" -> "ValidationError";
            case "ProvisionedThroughputExceededException" -> "ProvisionedThroughputExceeded";
            case "ThrottlingException" -> "ThrottlingError";
            default -> throw error;
        };
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("Code", code);
        if (error.getMessage() != null) {
            reason.put("Message", error.getMessage());
        }
        if (error.item() != null) {
            reason.put("Item", error.item());
        }
        return reason;
    }

    /** An empty response, with {@code ConsumedCapacity} per table when the request asked for it. */
    private static Map<String, Object> response(String returnConsumedCapacity, Map<String, Double> units) {
        List<Object> consumed = new ArrayList<>();
        units.forEach((table, tableUnits) -> {
            Map<String, Object> capacity = Capacity.consumed(returnConsumedCapacity, table, tableUnits);
            if (capacity != null) {
                consumed.add(capacity);
            }
        });
        Map<String, Object> response = new LinkedHashMap<>();
        if (!consumed.isEmpty()) {
            response.put("ConsumedCapacity", consumed);
        }
        return response;
    }
}
