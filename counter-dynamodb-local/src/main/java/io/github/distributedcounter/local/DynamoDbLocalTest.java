package io.github.distributedcounter.local;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against DynamoDB Local in this JVM. Test methods, constructors and lifecycle
 * methods may declare parameters of type {@link DynamoDbLocalServer}, {@link java.net.URI} (the endpoint)
 * or {@link software.amazon.awssdk.services.dynamodb.DynamoDbClient}.
 *
 * @see DynamoDbLocalExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DynamoDbLocalExtension.class)
public @interface DynamoDbLocalTest {
}
