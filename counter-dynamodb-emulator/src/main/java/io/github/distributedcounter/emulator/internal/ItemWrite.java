package io.github.distributedcounter.emulator.internal;

import java.util.Map;

import io.github.distributedcounter.emulator.internal.expression.Condition;
import io.github.distributedcounter.emulator.internal.expression.ExpressionContext;
import io.github.distributedcounter.emulator.internal.expression.Update;

/**
 * One write of one item, prepared from its request: a PutItem, UpdateItem or DeleteItem, or a transaction's
 * ConditionCheck. Everything that does not depend on the item is checked when it is prepared (key, item size,
 * expressions, options), so that the single-item operations, BatchWriteItem and TransactWriteItems validate
 * alike; what depends on the item (its condition, the result of an update) is checked against the item as it
 * is when the write runs.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html">PutItem</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html">UpdateItem</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html">DeleteItem</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ConditionCheck.html">
 *     ConditionCheck</a>
 */
final class ItemWrite {

    static final int MAX_ITEM_BYTES = 400 * 1024;

    enum Kind { PUT, UPDATE, DELETE, CONDITION_CHECK }

    /** What a write did: the item before and after it (null when absent), and the write units it consumed. */
    record Outcome(Map<String, Value> before, Map<String, Value> after, double units) {
    }

    final Kind kind;
    final Table table;
    final Table.ItemKey key;
    /** The item a put writes; null for the other kinds. */
    private final Map<String, Value> item;
    /** The update of an UpdateItem, or null (an UpdateItem without UpdateExpression, or another kind). */
    final Update update;
    private final Condition condition;
    private final boolean returnOldOnFailure;

    private ItemWrite(Kind kind, Table table, Table.ItemKey key, Map<String, Value> item, Update update,
            Condition condition, boolean returnOldOnFailure) {
        this.kind = kind;
        this.table = table;
        this.key = key;
        this.item = item;
        this.update = update;
        this.condition = condition;
        this.returnOldOnFailure = returnOldOnFailure;
    }

    /** A PutItem (or a transaction's Put, or a BatchWriteItem PutRequest when {@code request} has only an Item). */
    static ItemWrite put(Table table, Map<String, Object> request, String itemPath) {
        Map<String, Value> item = AttributeValues.item(request.get("Item"));
        if (item == null) {
            throw ServiceError.validation("1 validation error detected: Value null at '" + itemPath
                    + "' failed to satisfy constraint: Member must not be null");
        }
        Table.ItemKey key = table.keyOfItem(item);
        if (Value.itemSize(item) > MAX_ITEM_BYTES) {
            throw ServiceError.validation("Item size has exceeded the maximum allowed size");
        }
        Expressions expressions = expressions(request, null);
        return new ItemWrite(Kind.PUT, table, key, Map.copyOf(item), null, expressions.condition,
                returnOldOnFailure(request));
    }

    /**
     * An UpdateItem, or a transaction's Update; {@code updatePath} names the UpdateExpression member when the
     * request must have one (a transaction's Update), null when it may go without (UpdateItem).
     */
    static ItemWrite update(Table table, Map<String, Object> request, String updatePath) {
        Table.ItemKey key = table.key(AttributeValues.item(request.get("Key")));
        String updateText = Requests.string(request, "UpdateExpression");
        if (updateText == null && updatePath != null) {
            throw ServiceError.validation("1 validation error detected: Value null at '" + updatePath
                    + "' failed to satisfy constraint: Member must not be null");
        }
        Expressions expressions = expressions(request,
                context -> updateText == null ? null : Update.parse(updateText, context));
        Update update = expressions.update;
        if (update != null) {
            for (String attribute : update.topLevelAttributes()) {
                if (table.isKeyAttribute(attribute)) {
                    throw ServiceError.validation("One or more parameter values were invalid: Cannot update attribute "
                            + attribute + ". This attribute is part of the key");
                }
            }
        }
        return new ItemWrite(Kind.UPDATE, table, key, null, update, expressions.condition,
                returnOldOnFailure(request));
    }

    /** A DeleteItem, a transaction's Delete, or a BatchWriteItem DeleteRequest. */
    static ItemWrite delete(Table table, Map<String, Object> request) {
        Table.ItemKey key = table.key(AttributeValues.item(request.get("Key")));
        Expressions expressions = expressions(request, null);
        return new ItemWrite(Kind.DELETE, table, key, null, null, expressions.condition, returnOldOnFailure(request));
    }

    /** A transaction's ConditionCheck; {@code conditionPath} names its ConditionExpression member. */
    static ItemWrite conditionCheck(Table table, Map<String, Object> request, String conditionPath) {
        Table.ItemKey key = table.key(AttributeValues.item(request.get("Key")));
        if (Requests.string(request, "ConditionExpression") == null) {
            throw ServiceError.validation("1 validation error detected: Value null at '" + conditionPath
                    + "' failed to satisfy constraint: Member must not be null");
        }
        Expressions expressions = expressions(request, null);
        return new ItemWrite(Kind.CONDITION_CHECK, table, key, null, null, expressions.condition,
                returnOldOnFailure(request));
    }

    /** Whether the condition, if any, holds on the item as it is (null when absent). */
    boolean conditionHolds(Map<String, Value> current) {
        return condition == null || condition.test(current == null ? Map.of() : current);
    }

    /** The item to return with a failed condition: the item as it was, when the request asked for it. */
    Map<String, Value> itemOnFailure(Map<String, Value> current) {
        return returnOldOnFailure ? current : null;
    }

    /**
     * The item after this write (null when it leaves no item), from the item before it (null when absent).
     * Throws DynamoDB's ValidationException where the result cannot be stored, e.g. an update past the item size.
     */
    Map<String, Value> after(Map<String, Value> current) {
        return switch (kind) {
            case PUT -> item;
            case DELETE -> null;
            case CONDITION_CHECK -> current;
            case UPDATE -> {
                Map<String, Value> base = current != null ? current : table.keyAttributes(key);
                Map<String, Value> updated = update == null ? base : update.apply(base);
                if (Value.itemSize(updated) > MAX_ITEM_BYTES) {
                    throw ServiceError.validation("Item size to update has exceeded the maximum allowed size");
                }
                yield updated;
            }
        };
    }

    /**
     * Runs the write on its own, atomically on its item: checks the condition, computes the new item, admits its
     * capacity through the throttle and stores it. A {@link ServiceError} from any step leaves the item as it was.
     * A failed condition still consumes write capacity (a unit per started KB of the item as it is, at least one),
     * so it too is admitted through the throttle first, and may be throttled instead.
     *
     * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html#WorkingWithItems.ConditionalWrites.ReturnConsumedCapacity">
     *     Capacity units consumed by conditional writes</a>
     */
    Outcome execute(Throttle throttle) {
        Outcome[] outcome = new Outcome[1];
        table.write(key, (k, current) -> {
            if (!conditionHolds(current)) {
                throttle.admitWrite(table, k, Capacity.writeUnits(current, null));
                throw ServiceError.conditionalCheckFailed(itemOnFailure(current));
            }
            Map<String, Value> after = after(current);
            double units = Capacity.writeUnits(current, after);
            throttle.admitWrite(table, k, units);
            outcome[0] = new Outcome(current, after, units);
            return after;
        });
        return outcome[0];
    }

    private record Expressions(Condition condition, Update update) {
    }

    private interface UpdateParser {
        Update parse(ExpressionContext context);
    }

    /** Parses the request's update (when given a parser) and condition over one expression context. */
    private static Expressions expressions(Map<String, Object> request, UpdateParser updateParser) {
        if (updateParser == null) {
            ItemOperations.requireExpressionFor(request, "ConditionExpression");
        } else {
            ItemOperations.requireExpressionFor(request, "UpdateExpression", "ConditionExpression");
        }
        ExpressionContext context = ItemOperations.context(request);
        Update update = updateParser == null ? null : updateParser.parse(context);
        String conditionText = Requests.string(request, "ConditionExpression");
        Condition condition = conditionText == null ? null
                : Condition.parse("ConditionExpression", conditionText, context);
        context.checkAllUsed();
        return new Expressions(condition, update);
    }

    private static boolean returnOldOnFailure(Map<String, Object> request) {
        String onFailure = Requests.string(request, "ReturnValuesOnConditionCheckFailure");
        if (onFailure != null && !onFailure.equals("ALL_OLD") && !onFailure.equals("NONE")) {
            throw ServiceError.validation("1 validation error detected: Value '" + onFailure
                    + "' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [ALL_OLD, NONE]");
        }
        return "ALL_OLD".equals(onFailure);
    }
}
