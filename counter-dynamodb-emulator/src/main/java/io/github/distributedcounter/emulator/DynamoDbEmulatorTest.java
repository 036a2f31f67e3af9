package io.github.distributedcounter.emulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against the DynamoDB emulator in this JVM. Test methods, constructors and lifecycle
 * methods may declare parameters of type {@link DynamoDbEmulator}, {@link java.net.URI} (the endpoint),
 * {@link software.amazon.awssdk.services.dynamodb.DynamoDbClient} or
 * {@link software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient}.
 *
 * @see DynamoDbEmulatorExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DynamoDbEmulatorExtension.class)
public @interface DynamoDbEmulatorTest {
}
