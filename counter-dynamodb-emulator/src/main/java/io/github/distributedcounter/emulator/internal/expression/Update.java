package io.github.distributedcounter.emulator.internal.expression;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.distributedcounter.emulator.internal.ServiceError;
import io.github.distributedcounter.emulator.internal.Value;

/**
 * A parsed UpdateExpression.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html">
 *     Using update expressions in DynamoDB</a>
 */
public final class Update {

    private final UpdateAction[] actions;
    private final Set<String> topLevelAttributes;
    private final ProjectionTree paths = new ProjectionTree();

    private Update(List<UpdateAction> actions) {
        this.actions = actions.toArray(new UpdateAction[0]);
        Set<String> attributes = new LinkedHashSet<>();
        for (UpdateAction action : actions) {
            attributes.add(action.path.attribute());
            // the paths of one update do not overlap, as a projection's
            paths.add(action.path, 0);
        }
        this.topLevelAttributes = Collections.unmodifiableSet(attributes);
    }

    /**
     * Parses an update expression. Throws a ValidationException ServiceError, worded as DynamoDB words it, for a
     * syntax error, a clause given twice, overlapping paths, an unknown or misplaced function, a reserved word,
     * a missing name or value, an operand of the wrong type, or an expression over 4 KB.
     */
    public static Update parse(String text, ExpressionContext context) {
        return new Update(new UpdateParser(text, context).parse());
    }

    /**
     * Applies the update to a copy of the item (empty when it does not exist); every operand reads the item
     * as it was before the update. Throws a ValidationException ServiceError where DynamoDB does (e.g. an
     * operand of the wrong type, a number past 38 digits).
     */
    public Map<String, Value> apply(Map<String, Value> item) {
        for (UpdateAction action : actions) {
            if (!action.path.hasParent(item)) {
                throw ServiceError.validation("The document path provided in the update expression is invalid for update");
            }
        }
        UpdatePlan plan = new UpdatePlan();
        for (UpdateAction action : actions) {
            action.plan(item, plan);
        }
        return plan.applyTo(item);
    }

    /**
     * The parts of the item that the update's actions write or remove, down to their nested paths: what
     * {@code UPDATED_OLD} returns of the item before the update and {@code UPDATED_NEW} of the item after it.
     */
    public Map<String, Value> updatedParts(Map<String, Value> item) {
        return paths.project(item);
    }

    /** The top-level attribute names that the update's actions write or remove. */
    public Set<String> topLevelAttributes() {
        return topLevelAttributes;
    }
}
