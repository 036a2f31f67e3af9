package io.github.distributedcounter.emulator.internal.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a projection expression: comma-separated document paths.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html">
 *     Using projection expressions in DynamoDB</a>
 */
final class ProjectionParser extends ExpressionParser {

    ProjectionParser(String text, ExpressionContext context) {
        super("ProjectionExpression", text, context, false);
    }

    @Override
    void undefinedName(String message) {
        problems.first(Check.NAMES, message);
    }

    @Override
    void undefinedValue(String message) {
        throw new IllegalStateException("a projection has no values");
    }

    List<DocumentPath> parse() {
        List<DocumentPath> paths = new ArrayList<>();
        do {
            paths.add(path());
        } while (skipComma());
        if (!at(TokenKind.END)) {
            throw syntaxError();
        }
        for (int i = 1; i < paths.size(); i++) {
            for (int j = 0; j < i; j++) {
                checkOverlap(paths.get(j), paths.get(i));
            }
        }
        finish();
        return paths;
    }
}
