package io.github.distributedcounter.local;

import java.net.URI;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 extension that starts one {@link DynamoDbLocalServer} for the whole test run, on first use, and
 * stops it when the run ends. Every test class shares the server and its data: give each class its own
 * table names.
 */
public final class DynamoDbLocalExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DynamoDbLocalExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DynamoDbLocalServer.class || type == URI.class || type == DynamoDbClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        ExtensionContext.Store root = extensionContext.getRoot().getStore(NAMESPACE);
        DynamoDbLocalServer server = server(root);
        if (type == DynamoDbLocalServer.class) {
            return server;
        }
        if (type == URI.class) {
            return server.endpoint();
        }
        return root.computeIfAbsent(DynamoDbClient.class, k -> server.createClient(), DynamoDbClient.class);
    }

    /** The server of this test run, started on first use. */
    public static DynamoDbLocalServer server(ExtensionContext context) {
        return server(context.getRoot().getStore(NAMESPACE));
    }

    private static DynamoDbLocalServer server(ExtensionContext.Store root) {
        return root.computeIfAbsent(DynamoDbLocalServer.class, k -> DynamoDbLocalServer.start(),
                DynamoDbLocalServer.class);
    }
}
