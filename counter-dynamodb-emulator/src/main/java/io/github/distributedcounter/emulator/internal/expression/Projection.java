package io.github.distributedcounter.emulator.internal.expression;

import java.util.Map;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * A parsed ProjectionExpression.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html">
 *     Using projection expressions in DynamoDB</a>
 */
public final class Projection {

    private final ProjectionTree tree;

    private Projection(ProjectionTree tree) {
        this.tree = tree;
    }

    /**
     * Parses a projection. Throws a ValidationException ServiceError, worded as DynamoDB words it, for a syntax
     * error, overlapping paths, a reserved word, a missing name, or an expression over 4 KB.
     */
    public static Projection parse(String text, ExpressionContext context) {
        ProjectionTree tree = new ProjectionTree();
        for (DocumentPath path : new ProjectionParser(text, context).parse()) {
            tree.add(path, 0);
        }
        return new Projection(tree);
    }

    /** The projected copy of the item: only the attributes, map entries and list elements the paths name. */
    public Map<String, Value> apply(Map<String, Value> item) {
        return tree.project(item);
    }
}
