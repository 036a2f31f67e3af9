package io.github.distributedcounter.emulator;

import java.net.URI;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 extension that starts one {@link DynamoDbEmulator} for the whole test run, on first use, and stops it
 * when the run ends. Every test class shares the engine and its data: give each class its own table names.
 * Resolves parameters of type {@link DynamoDbEmulator}, {@link URI} (the endpoint), {@link DynamoDbClient} and
 * {@link DynamoDbAsyncClient}.
 */
public final class DynamoDbEmulatorExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DynamoDbEmulatorExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DynamoDbEmulator.class || type == URI.class || type == DynamoDbClient.class
                || type == DynamoDbAsyncClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        ExtensionContext.Store root = extensionContext.getRoot().getStore(NAMESPACE);
        DynamoDbEmulator emulator = emulator(root);
        if (type == DynamoDbEmulator.class) {
            return emulator;
        }
        if (type == URI.class) {
            return emulator.endpoint();
        }
        if (type == DynamoDbAsyncClient.class) {
            return root.computeIfAbsent(DynamoDbAsyncClient.class, k -> emulator.createAsyncClient(),
                    DynamoDbAsyncClient.class);
        }
        return root.computeIfAbsent(DynamoDbClient.class, k -> emulator.createClient(), DynamoDbClient.class);
    }

    /** The engine of this test run, started on first use. */
    public static DynamoDbEmulator emulator(ExtensionContext context) {
        return emulator(context.getRoot().getStore(NAMESPACE));
    }

    private static DynamoDbEmulator emulator(ExtensionContext.Store root) {
        return root.computeIfAbsent(DynamoDbEmulator.class, k -> DynamoDbEmulator.start(), DynamoDbEmulator.class);
    }
}
